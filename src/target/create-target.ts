import { HarnessError } from '../errors';
import { Lab } from '../lab';
import { InProcessTarget } from './in-process-target';
import { FileTarget } from './file-target';
import { findNginx, NginxTarget } from './nginx-target';
import { loadTargetFile } from './target-file';
import { ReferenceTarget } from './reference-target';
import { Target } from './target';

/** The target a run asked for, built for one lab. */
export async function createTarget(name: string, lab: Lab): Promise<Target> {
  switch (name) {
    case 'in-process':
      return new InProcessTarget((gateway) => lab.gateway(gateway));
    case 'wire':
      return new ReferenceTarget(lab);
    case 'nginx': {
      const nginx = findNginx();
      if (!nginx) throw new HarnessError('TARGET', 'the nginx target needs nginx (Debian: apt-get install nginx-light)');
      return new NginxTarget(lab, nginx);
    }
    default: {
      if (!/\.ya?ml$/.test(name)) throw new HarnessError('BAD_INPUT', `unknown target "${name}" (expected in-process, wire, nginx or a target file)`);
      const target = new FileTarget(loadTargetFile(name), lab);
      await target.afterChange();
      return target;
    }
  }
}

/** Targets that check certificate validity against the wall clock: their labs start at real now. */
export const usesWallClock = (name: string): boolean => name !== 'in-process' && name !== 'wire';
