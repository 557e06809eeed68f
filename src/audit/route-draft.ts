import { splitColon } from './dump-lines';
import { countValue, type FieldContext, own, shared, yesNoValue } from './field-values';
import type { GatewayRoute } from './gateway-dump';
import { knownKey, setExtra } from './record-draft';

type MutableRoute = { -readonly [K in keyof Omit<GatewayRoute, 'extra'>]: GatewayRoute[K] };

/** A route while its `- k:v, …` lines are read. */
export type RouteDraft = MutableRoute & {
  readonly extra: Record<string, string>;
};

type RouteSetter = (route: RouteDraft, value: string, at: FieldContext, label: string) => void;

const ROUTE_FIELDS: Readonly<Record<string, RouteSetter>> = {
  ip: (route, value) => {
    route.ip = own(value);
  },
  mac: (route, value) => {
    route.mac = own(value);
  },
  vpn: (route, value, at, label) => {
    route.vpn = yesNoValue(value, at, label);
  },
  interface: (route, value) => {
    route.interface = shared(value);
  },
  vfid: (route, value, at, label) => {
    route.vfid = countValue(value, at, label);
  },
  sn: (route, value) => {
    route.sn = shared(value);
  },
};

/** An empty route starting at its `Gateway Route #i:` line. */
export function newRoute(line: number): RouteDraft {
  return { line, extra: {} };
}

/** Reads `- IP:10.0.1.2, MAC: 02:09:0f:00:01:02, VPN: no` or `- Interface:port1, VFID:0, SN: FG…`. */
export function applyRouteLine(route: RouteDraft, text: string, at: FieldContext): void {
  for (const part of text.slice(1).split(',')) {
    // the caller saw the leading '-'; each part is trimmed
    const item = part.trim();
    if (item === '') continue;
    const pair = splitColon(item) ?? { key: item, value: '' };
    const known = knownKey(ROUTE_FIELDS, pair.key);
    if (known.setter === undefined) setExtra(route.extra, known.key, pair.value);
    else if (pair.value !== '') known.setter(route, pair.value, at, `Gateway Route ${pair.key}`);
  }
}
