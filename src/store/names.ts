/**
 * Names of everything the store creates, derived from one prefix so deployments and test files can
 * share a node. Articles live in versioned indices (`<prefix>-articles-v2`) behind an alias
 * (`<prefix>-articles`): a mapping change is a reindex into the next version, never a data loss.
 */
export function articleNames(prefix: string) {
  const alias = `${prefix}-articles`;
  return {
    alias,
    template: `${prefix}-articles-template`,
    pattern: `${alias}-v*`,
    version: (v: number) => `${alias}-v${v}`,
  };
}
