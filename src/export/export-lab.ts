import { join } from 'node:path';
import { type OutputDirOptions, prepareOutputDir, writeFileAtomically } from '../input';
import type { Lab } from '../lab';
import { privateKeyPem } from '../pki';
import { type EnforcementModel, enforcementModel } from './enforcement-model';
import { exportReadme } from './export-readme';
import {
  haproxyConfig,
  haproxyDetails,
  haproxyGroups,
  haproxyRecords,
  haproxyRuleNames,
  haproxyUsers,
} from './haproxy-config';
import { nginxConfig, nginxRecords, nginxUsers } from './nginx-config';

export interface ExportOptions {
  readonly gateway?: string;
  /** The port the generated proxy configs listen on (default 8443). */
  readonly port?: number;
  /** Bumped on every re-export, served by nginx and HAProxy at /__ztna/generation. */
  readonly generation?: number;
  /**
   * The password every listed user authenticates with (HTTP basic); without it the configs list
   * no credentials, so a rule that names users or groups answers every request AUTH_REQUIRED.
   * Written only into files of mode 0600.
   */
  readonly userPassword?: string;
  /** Write through an output folder that is a symbolic link (refused otherwise). */
  readonly followSymlinks?: OutputDirOptions['followSymlinks'];
}

/** Writes a file atomically, through an exclusively created temporary file, with `mode`. */
const put = (path: string, text: string, mode = 0o644): void => writeFileAtomically(path, text, mode);

/** Exports what a real proxy needs to enforce one gateway of the lab into `dir`. */
export async function exportLab(lab: Lab, dir: string, options: ExportOptions = {}): Promise<EnforcementModel> {
  const out = prepareOutputDir(dir, { followSymlinks: options.followSymlinks });
  const port = options.port ?? 8443;
  prepareOutputDir(join(out, 'identities'));
  const model = await enforcementModel(lab, options.gateway);
  put(join(out, 'ca-bundle.pem'), model.roots.map((r) => r.certificate.pem).join(''));
  put(join(out, 'crl.pem'), model.roots.map((r) => r.crl).join(''));
  put(join(out, 'records.map'), model.records.map((r) => `${r.uid} ${r.certSn}\n`).join(''));
  put(join(out, 'records.conf'), nginxRecords(model));
  put(join(out, 'haproxy-records.map'), haproxyRecords(model));
  put(join(out, 'haproxy-details.map'), haproxyDetails(model));
  put(join(out, 'haproxy-rules.map'), haproxyRuleNames(model));
  put(join(out, 'users.conf'), nginxUsers(model, options.userPassword), 0o600);
  put(join(out, 'haproxy-users.map'), haproxyUsers(model, options.userPassword), 0o600);
  put(join(out, 'haproxy-groups.map'), haproxyGroups(model));
  for (const endpoint of lab.endpoints) {
    const identity = endpoint.identity;
    if (!identity) continue;
    put(join(out, 'identities', `${endpoint.profile.name}.crt`), identity.certificate.pem);
    put(join(out, 'identities', `${endpoint.profile.name}.key`), privateKeyPem(identity.key), 0o600);
  }
  const serverKey = privateKeyPem(model.tls.server.key);
  put(join(out, 'server.crt'), model.tls.server.certificate.pem);
  put(join(out, 'server.key'), serverKey, 0o600);
  put(join(out, 'server.pem'), model.tls.server.certificate.pem + serverKey, 0o600);
  put(join(out, 'server-ca.pem'), model.tls.ca.pem);
  put(join(out, 'nginx.conf'), nginxConfig(model, { port, dir: out, generation: options.generation ?? 1 }));
  put(join(out, 'haproxy.cfg'), haproxyConfig(model, { port, dir: out, generation: options.generation ?? 1 }));
  put(join(out, 'README.md'), exportReadme(model, port));
  return model;
}
