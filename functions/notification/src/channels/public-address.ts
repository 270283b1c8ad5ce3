import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

function blockList(family: 'ipv4' | 'ipv6', subnets: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, family);
  return list;
}

/** IPv4 ranges of the IANA special-purpose registry that are not globally reachable (RFC 6890 and successors). */
const IPV4_REFUSED = blockList('ipv4', [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
]);

/**
 * Only global unicast (2000::/3) may be public: this leaves out ::/8 (unspecified, loopback,
 * IPv4-compatible), 64:ff9b:1::/48 (local NAT64), 100::/64 (discard), fc00::/7, fe80::/10, fec0::/10,
 * ff00::/8 and whatever is assigned outside 2000::/3 later.
 */
const IPV6_GLOBAL_UNICAST = blockList('ipv6', [['2000::', 3]]);
/** Inside 2000::/3: IETF protocol assignments (Teredo 2001::/32, benchmarking 2001:2::/48, ORCHID …), documentation. */
const IPV6_REFUSED = blockList('ipv6', [['2001::', 23], ['2001:db8::', 32], ['3fff::', 20]]);

/** The eight 16-bit words of a valid IPv6 address (zone id dropped). */
function ipv6Words(address: string): number[] {
  // The URL parser writes the address canonically: lower-case hex words, one `::`, no dotted quad.
  const canonical = new URL(`http://[${address.split('%')[0]}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((word) => parseInt(word, 16)));
  if (tail === undefined) return words(head);
  const [front, back] = [words(head), words(tail)];
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const ipv4Of = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/** The IPv4 address an IPv6 address stands for, when it is one that carries one to the IPv4 internet. */
function embeddedIpv4(words: number[]): string | null {
  const [a, b, c, d, e, f, g, h] = words as [number, number, number, number, number, number, number, number];
  const zeros = (...parts: number[]) => parts.every((part) => part === 0);
  if (zeros(a, b, c, d, e) && f === 0xffff) return ipv4Of(g, h); // ::ffff:0:0/96, IPv4-mapped
  if (zeros(a, b, c, d, f) && e === 0xffff) return ipv4Of(g, h); // ::ffff:0:0:0/96, IPv4-translated (SIIT)
  if (a === 0x64 && b === 0xff9b && zeros(c, d, e, f)) return ipv4Of(g, h); // 64:ff9b::/96, NAT64
  if (a === 0x2002) return ipv4Of(b, c); // 2002::/16, 6to4
  return null;
}

/**
 * True only for a globally reachable unicast address. IPv6 forms that carry an IPv4 address
 * (mapped, translated, NAT64, 6to4) are judged by that IPv4 address; anything that is not an IP
 * address is not public.
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !IPV4_REFUSED.check(address, 'ipv4');
  if (family !== 6) return false;
  const words = ipv6Words(address);
  const ipv4 = embeddedIpv4(words);
  if (ipv4 !== null) return isPublicAddress(ipv4);
  const canonical = words.map((word) => word.toString(16)).join(':');
  return IPV6_GLOBAL_UNICAST.check(canonical, 'ipv6') && !IPV6_REFUSED.check(canonical, 'ipv6');
}

/** True for loopback, private, link-local, shared, multicast, reserved and documentation addresses, and non-addresses. */
export const isPrivateAddress = (address: string) => !isPublicAddress(address);

/**
 * The host as the WHATWG URL parser sees it — `2130706433`, `0x7f.1` and `127.1` become
 * `127.0.0.1` — without brackets, lower-case and without a trailing dot; null when it is no host.
 */
function normalisedHost(hostname: string): string | null {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const written = isIP(bare.split('%')[0]!) === 6 ? `[${bare.split('%')[0]}]` : bare;
  if (!URL.canParse(`http://${written}/`)) return null;
  const host = new URL(`http://${written}/`).hostname;
  return (host.startsWith('[') ? host.slice(1, -1) : host).replace(/\.$/, '');
}

/** True when a URL host is not public without asking DNS: `localhost` and local names, non-public IP literals. */
export function isPrivateHost(hostname: string): boolean {
  const host = normalisedHost(hostname);
  if (host === null || host === '') return true;
  if (isIP(host) !== 0) return isPrivateAddress(host);
  return host === 'localhost' || ['.localhost', '.internal', '.local'].some((suffix) => host.endsWith(suffix));
}

export class PrivateTargetRefused extends Error {
  constructor(readonly host: string) {
    super(`refused to connect to ${host}: it is not a public address`);
    this.name = 'PrivateTargetRefused';
  }
}

/** Every address a name resolves to, of the family asked for (0: both). */
export type Resolve = (hostname: string, family: number) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname, family) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, family }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

const familyOf = (family: unknown) => (family === 4 || family === 'IPv4' ? 4 : family === 6 || family === 'IPv6' ? 6 : 0);

/**
 * A `lookup` for `http.request` that resolves the name once, checks every address of the answer,
 * and gives the socket only those checked addresses: the address checked is the address connected
 * to, so DNS rebinding between a check and the connection cannot happen. A name with any non-public
 * address is refused whole. (Node does not call `lookup` for IP literals: check those with `isPrivateHost`.)
 */
export function publicOnlyLookup(options: { resolve?: Resolve; isAllowed?: (address: string) => boolean } = {}): LookupFunction {
  const resolve = options.resolve ?? systemResolve;
  const isAllowed = options.isAllowed ?? isPublicAddress;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname, familyOf(lookupOptions.family)).then(
      (addresses) => {
        const checked = addresses.map((entry) => ({ address: entry.address, family: entry.family, allowed: isAllowed(entry.address) }));
        if (checked.length === 0 || checked.some((entry) => !entry.allowed)) return callback(new PrivateTargetRefused(hostname), '', 0);
        const handed = checked.map(({ address, family }) => ({ address, family }));
        if (lookupOptions.all) return callback(null, handed);
        callback(null, handed[0]!.address, handed[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
