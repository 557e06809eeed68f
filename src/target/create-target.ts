import { HarnessError } from '../errors';
import type { Lab } from '../lab';
import { FileTarget } from './file-target';
import { InProcessTarget } from './in-process-target';
import { findHaproxy, findLibfaketime, findNginx, haproxyProgram, nginxProgram } from './proxy-programs';
import { ProxyTarget } from './proxy-target';
import { ReferenceProxyTarget } from './reference-proxy-target';
import type { Target } from './target';
import { loadTargetFile } from './target-file';

/** The target a run asked for, built for one lab. */
export async function createTarget(name: string, lab: Lab): Promise<Target> {
  switch (name) {
    case 'in-process':
      return new InProcessTarget((gateway) => lab.gateway(gateway));
    case 'wire':
      return new ReferenceProxyTarget(lab);
    case 'nginx': {
      const nginx = findNginx();
      if (!nginx)
        throw new HarnessError('TARGET', 'the nginx target needs nginx (Debian: apt-get install nginx-light)');
      return new ProxyTarget(lab, nginxProgram(nginx));
    }
    case 'haproxy': {
      const haproxy = findHaproxy();
      if (!haproxy)
        throw new HarnessError(
          'TARGET',
          'the haproxy target needs HAProxy 2.2 or later (Debian: apt-get install haproxy)',
        );
      return new ProxyTarget(lab, haproxyProgram(haproxy));
    }
    default: {
      if (!/\.ya?ml$/.test(name))
        throw new HarnessError(
          'BAD_INPUT',
          `unknown target "${name}" (expected in-process, wire, nginx, haproxy or a target file)`,
        );
      const target = new FileTarget(loadTargetFile(name), lab);
      await target.afterChange();
      return target;
    }
  }
}

/**
 * Targets that check certificate validity against the wall clock: their labs start at real now.
 * nginx and HAProxy run at the lab's virtual time when libfaketime is installed.
 */
export function usesWallClock(name: string): boolean {
  if (name === 'in-process' || name === 'wire') return false;
  if (name === 'nginx' || name === 'haproxy') return findLibfaketime() === undefined;
  return true;
}
