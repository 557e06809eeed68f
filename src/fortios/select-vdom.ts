import { badInput } from '../errors';
import type { ConfigSection, ConfigTree } from './config-tree';

/** What one VDOM sees of a configuration: the global sections and its own. */
export interface VdomView {
  readonly name: string;
  /** True for a multi-VDOM configuration (one with `config vdom`). */
  readonly multiVdom: boolean;
  /** The sections inside `config global` (empty without VDOMs, where every section is the VDOM's own). */
  readonly global: readonly ConfigSection[];
  /** The sections of `config vdom` / `edit NAME`, from every such block in file order; without VDOMs, every top-level section. */
  readonly sections: readonly ConfigSection[];
}

const isBlock = (section: ConfigSection, name: string): boolean =>
  section.path.length === 1 && section.path[0] === name;

/**
 * The global sections and the sections of VDOM `name`. A multi-VDOM backup declares the VDOMs in
 * a first `config vdom` block, holds shared settings in `config global`, and then each VDOM's
 * settings in a `config vdom` / `edit NAME` block of its own
 * (https://docs.fortinet.com/document/fortigate/6.0.0/cli-reference/122011); a configuration
 * without VDOMs is all of the `root` VDOM.
 */
export function selectVdom(tree: ConfigTree, name: string): VdomView {
  const vdomBlocks = tree.sections.filter((s) => isBlock(s, 'vdom'));
  if (vdomBlocks.length === 0) {
    if (name !== 'root')
      throw badInput(
        `the configuration has no VDOMs (no config vdom), so it has only the root VDOM, not ${JSON.stringify(name)}`,
        { file: tree.file, line: 1, column: 1 },
      );
    return { name, multiVdom: false, global: [], sections: tree.sections.filter((s) => !isBlock(s, 'global')) };
  }
  const entries = vdomBlocks.flatMap((block) => block.entries);
  const own = entries.filter((entry) => entry.name === name);
  if (own.length === 0) {
    const known = [...new Set(entries.map((entry) => entry.name))].map((n) => JSON.stringify(n)).join(', ');
    throw badInput(
      `the configuration has no VDOM ${JSON.stringify(name)}; its VDOMs are ${known || 'none'}`,
      vdomBlocks[0]!.at,
    );
  }
  return {
    name,
    multiVdom: true,
    global: tree.sections.filter((s) => isBlock(s, 'global')).flatMap((block) => block.sections),
    sections: own.flatMap((entry) => entry.sections),
  };
}
