package presswatch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts one OpenSearch node for development and tests, on exactly the requested port.
 *
 * The runner would silently move to the next free port if the requested one is taken; we refuse
 * instead (exit code 3), because every client is configured with one URL. When the node is up, the
 * port is written to {base}/ready so the caller knows the node is serving.
 *
 * The node's {@code path.repo} is {base}/snapshots (or --repo DIR): `presswatch backup` registers its
 * filesystem snapshot repository there.
 *
 * Usage: LocalNode --base DIR --host 127.0.0.1 --port 9200 --cluster presswatch-dev [--repo DIR]
 *
 * One node of a cluster of several processes (the cluster drill): also give its name, a fixed
 * transport port, the other nodes' transport addresses and the names of the first cluster managers:
 *   LocalNode --base DIR --port 9211 --cluster c --node n1 --transport-port 9311
 *             --seed-hosts 127.0.0.1:9311,127.0.0.1:9312,127.0.0.1:9313 --initial-managers n1,n2,n3
 */
public final class LocalNode {
  public static void main(String[] argv) throws Exception {
    Map<String, String> args = parse(argv);
    Path base = Path.of(args.getOrDefault("base", "data/opensearch")).toAbsolutePath();
    String host = args.getOrDefault("host", "127.0.0.1");
    int port = Integer.parseInt(args.getOrDefault("port", "9200"));
    String cluster = args.getOrDefault("cluster", "presswatch-dev");
    Path repo = Path.of(args.getOrDefault("repo", base.resolve("snapshots").toString())).toAbsolutePath();
    String seedHosts = args.get("seed-hosts");

    if (!portIsFree(host, port)) {
      System.err.println("presswatch: port " + host + ":" + port + " is already in use; refusing to start OpenSearch elsewhere");
      System.exit(3);
    }
    Files.createDirectories(base);
    Files.createDirectories(repo);
    Path ready = base.resolve("ready");
    Files.deleteIfExists(ready);

    OpenSearchRunner runner = new OpenSearchRunner();
    runner.onBuild((index, settings) -> {
      settings.put("http.port", String.valueOf(port));
      settings.put("network.host", host);
      settings.put("transport.port", args.getOrDefault("transport-port", "0"));
      if (seedHosts != null) {
        // One node of several processes: discovery by the given addresses, not single-node.
        settings.put("discovery.type", "zen");
        settings.put("node.name", args.getOrDefault("node", "node-" + port));
        settings.putList("discovery.seed_hosts", seedHosts.split(","));
        settings.putList("cluster.initial_cluster_manager_nodes", args.getOrDefault("initial-managers", "").split(","));
      }
      // A development node on a crowded disk must not turn its indices read-only.
      settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
      settings.put("action.destructive_requires_name", "false");
      // Filesystem snapshot repositories may live only under path.repo.
      settings.put("path.repo", repo.toString());
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Files.deleteIfExists(ready);
        runner.close();
      } catch (IOException e) {
        System.err.println("presswatch: error while stopping OpenSearch: " + e.getMessage());
      }
      stopped.countDown();
    }));
    runner.build(new OpenSearchRunner.Configs()
        .basePath(base.resolve("node").toString())
        .numOfNode(1)
        .baseHttpPort(port - 1)
        .clusterName(cluster)
        .printOnFailure()
        .build());
    runner.ensureYellow();
    Files.writeString(ready, String.valueOf(port), StandardCharsets.UTF_8);
    System.out.println("presswatch: OpenSearch node '" + cluster + "' ready on http://" + host + ":" + port);
    stopped.await();
  }

  private static boolean portIsFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Map<String, String> parse(String[] argv) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (!argv[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + argv[i]);
      out.put(argv[i].substring(2), argv[i + 1]);
    }
    return out;
  }
}
