/** Loading data for a page: aborts the previous request when its inputs change. */
import { useCallback, useEffect, useState } from "preact/hooks";

export type Loaded<T> =
  | { state: "loading"; data: T | null; error: null }
  | { state: "ok"; data: T; error: null }
  | { state: "error"; data: T | null; error: unknown };

export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  inputs: unknown[],
): Loaded<T> & { reload(): void; set(data: T): void } {
  const [result, setResult] = useState<Loaded<T>>({ state: "loading", data: null, error: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setResult((previous) => ({ state: "loading", data: previous.data, error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ state: "ok", data, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setResult((previous) => ({ state: "error", data: previous.data, error }));
      },
    );
    return () => controller.abort();
  }, [...inputs, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const set = useCallback((data: T) => setResult({ state: "ok", data, error: null }), []);
  return { ...result, reload, set };
}
