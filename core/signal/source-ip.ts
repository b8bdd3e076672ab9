import { BlockList, isIP } from 'node:net';

import type { FieldIssue, Parsed } from './field-issue';

/** TradingView's published webhook source addresses (its help page on webhooks). */
export const TRADINGVIEW_WEBHOOK_IPS = ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7'];

export interface AddressList {
	entries: string[];
	contains(ip: string): boolean;
}

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) is `1.2.3.4`. */
export function normaliseIp(ip: string): string {
	const trimmed = ip.trim();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
	return mapped ? mapped[1] : trimmed;
}

/** Parses addresses and CIDR ranges separated by commas, spaces or new lines. */
export function parseAddressList(text: string, field: string): Parsed<AddressList> {
	const entries = text.split(/[\s,;]+/).filter(Boolean);
	const blockList = new BlockList();
	const issues: FieldIssue[] = [];
	for (const entry of entries) {
		const [address, prefix, ...rest] = entry.split('/');
		const family = isIP(address);
		const type = family === 6 ? 'ipv6' : 'ipv4';
		const bits = prefix === undefined ? undefined : Number(prefix);
		const maxBits = family === 6 ? 128 : 32;
		if (
			family === 0 ||
			rest.length > 0 ||
			(bits !== undefined && (!/^\d+$/.test(prefix) || bits > maxBits))
		) {
			issues.push({ field, message: `"${entry}" is not an IP address or CIDR range` });
			continue;
		}
		if (bits === undefined) blockList.addAddress(address, type);
		else blockList.addSubnet(address, bits, type);
	}
	if (issues.length) return { ok: false, failure: issues };
	return {
		ok: true,
		value: {
			entries,
			contains: (ip: string) => {
				const address = normaliseIp(ip);
				const family = isIP(address);
				return family !== 0 && blockList.check(address, family === 6 ? 'ipv6' : 'ipv4');
			},
		},
	};
}

/**
 * The client's address: the socket peer, unless that peer is a trusted proxy, in which case the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy.
 */
export function resolveClientIp(
	remoteAddress: string | undefined,
	forwardedFor: string | string[] | undefined,
	trustedProxies: AddressList,
): string | null {
	if (!remoteAddress) return null;
	let client = normaliseIp(remoteAddress);
	if (!trustedProxies.contains(client)) return client;
	const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
		.split(',')
		.map(normaliseIp)
		.filter(Boolean);
	for (let index = hops.length - 1; index >= 0; index--) {
		client = hops[index];
		if (!trustedProxies.contains(client)) return client;
	}
	return client;
}
