import {
	type AddressList,
	normaliseIp,
	parseAddressList,
	resolveClientIp,
	TRADINGVIEW_WEBHOOK_IPS,
} from '../../../core/signal/source-ip';

function list(text: string, field = 'trustedProxies'): AddressList {
	const parsed = parseAddressList(text, field);
	if (!parsed.ok) throw new Error(`test list did not parse: ${JSON.stringify(parsed.failure)}`);
	return parsed.value;
}

describe('TRADINGVIEW_WEBHOOK_IPS', () => {
	it("lists TradingView's four published webhook addresses", () => {
		expect(TRADINGVIEW_WEBHOOK_IPS).toEqual(['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7']);
	});

	it('parses as an address list that holds each of them and nothing next to them', () => {
		const addresses = list(TRADINGVIEW_WEBHOOK_IPS.join(', '), 'allowedIps');

		expect(addresses.entries).toEqual(TRADINGVIEW_WEBHOOK_IPS);
		for (const ip of TRADINGVIEW_WEBHOOK_IPS) expect(addresses.contains(ip)).toBe(true);
		expect(addresses.contains('52.89.214.239')).toBe(false);
		expect(addresses.contains('52.89.214.237')).toBe(false);
	});
});

describe('normaliseIp', () => {
	it('turns an IPv4-mapped IPv6 address into the IPv4 address', () => {
		expect(normaliseIp('::ffff:52.89.214.238')).toBe('52.89.214.238');
		expect(normaliseIp('::FFFF:10.0.0.1')).toBe('10.0.0.1');
	});

	it('trims white space', () => {
		expect(normaliseIp('  1.2.3.4 \t')).toBe('1.2.3.4');
		expect(normaliseIp(' ::ffff:1.2.3.4 ')).toBe('1.2.3.4');
	});

	it('leaves plain IPv4 and IPv6 addresses as they are', () => {
		expect(normaliseIp('1.2.3.4')).toBe('1.2.3.4');
		expect(normaliseIp('2001:db8::1')).toBe('2001:db8::1');
		expect(normaliseIp('::1')).toBe('::1');
		expect(normaliseIp('::ffff:abcd')).toBe('::ffff:abcd');
	});
});

describe('parseAddressList', () => {
	it('splits on commas, semicolons, spaces and new lines and keeps the entries in order', () => {
		const parsed = parseAddressList(' 1.2.3.4, 5.6.7.8\n9.9.9.9;10.0.0.0/8\t 2001:db8::/32 ,', 'allowedIps');

		expect(parsed.ok).toBe(true);
		if (parsed.ok) {
			expect(parsed.value.entries).toEqual(['1.2.3.4', '5.6.7.8', '9.9.9.9', '10.0.0.0/8', '2001:db8::/32']);
		}
	});

	it('parses an empty or blank text as an empty list that contains nothing', () => {
		for (const text of ['', '   ', ',\n;']) {
			const addresses = list(text);
			expect(addresses.entries).toEqual([]);
			expect(addresses.contains('1.2.3.4')).toBe(false);
		}
	});

	it('matches a single IPv4 address exactly', () => {
		const addresses = list('192.0.2.10');

		expect(addresses.contains('192.0.2.10')).toBe(true);
		expect(addresses.contains('192.0.2.11')).toBe(false);
	});

	it('matches every address inside an IPv4 CIDR range and none outside it', () => {
		const addresses = list('10.0.0.0/8, 192.168.1.0/24');

		expect(addresses.contains('10.0.0.0')).toBe(true);
		expect(addresses.contains('10.255.255.255')).toBe(true);
		expect(addresses.contains('11.0.0.0')).toBe(false);
		expect(addresses.contains('9.255.255.255')).toBe(false);
		expect(addresses.contains('192.168.1.255')).toBe(true);
		expect(addresses.contains('192.168.2.0')).toBe(false);
	});

	it('treats /32 as one address and /0 as every IPv4 address', () => {
		expect(list('203.0.113.7/32').contains('203.0.113.7')).toBe(true);
		expect(list('203.0.113.7/32').contains('203.0.113.8')).toBe(false);
		expect(list('0.0.0.0/0').contains('8.8.8.8')).toBe(true);
	});

	it('matches IPv6 addresses whatever their textual form, and IPv6 ranges', () => {
		const single = list('2001:db8::1');
		expect(single.contains('2001:DB8:0:0:0:0:0:1')).toBe(true);
		expect(single.contains('2001:db8::2')).toBe(false);

		const range = list('2001:db8::/32');
		expect(range.contains('2001:db8:ffff::1')).toBe(true);
		expect(range.contains('2001:db9::1')).toBe(false);
	});

	it('matches an IPv4-mapped IPv6 client against IPv4 entries and ranges', () => {
		expect(list('52.89.214.238').contains('::ffff:52.89.214.238')).toBe(true);
		expect(list('10.0.0.0/8').contains('::ffff:10.1.2.3')).toBe(true);
		expect(list('10.0.0.0/8').contains('::ffff:11.1.2.3')).toBe(false);
	});

	it('matches an IPv4 client against an IPv4-mapped IPv6 entry', () => {
		expect(list('::ffff:52.89.214.238').contains('52.89.214.238')).toBe(true);
		expect(list('::ffff:52.89.214.238').contains('52.89.214.239')).toBe(false);
	});

	it('does not match text that is not an IP address', () => {
		const addresses = list('0.0.0.0/0, ::/0');

		expect(addresses.contains('not-an-ip')).toBe(false);
		expect(addresses.contains('')).toBe(false);
		expect(addresses.contains('1.2.3.4:8080')).toBe(false);
	});

	it('reports every invalid entry by the field it was given, and nothing for the valid ones', () => {
		const parsed = parseAddressList(
			'1.2.3.4, abc, 256.1.1.1, 10.0.0.0/33, 2001:db8::/129, 1.2.3.4/, 10.0.0.0/8/8, 10.0.0.0/x, 10.0.0.0/-1, /8, 10.0.0.0/8',
			'allowedIps',
		);

		expect(parsed).toEqual({
			ok: false,
			failure: [
				'abc',
				'256.1.1.1',
				'10.0.0.0/33',
				'2001:db8::/129',
				'1.2.3.4/',
				'10.0.0.0/8/8',
				'10.0.0.0/x',
				'10.0.0.0/-1',
				'/8',
			].map((entry) => ({ field: 'allowedIps', message: `"${entry}" is not an IP address or CIDR range` })),
		});
	});

	it('names the field it is given in an issue', () => {
		expect(parseAddressList('nope', 'trustedProxies')).toEqual({
			ok: false,
			failure: [{ field: 'trustedProxies', message: '"nope" is not an IP address or CIDR range' }],
		});
	});

	it('accepts the largest prefixes: /32 for IPv4 and /128 for IPv6', () => {
		expect(parseAddressList('1.2.3.4/32, 2001:db8::1/128', 'allowedIps').ok).toBe(true);
	});
});

describe('resolveClientIp', () => {
	const proxies = list('10.0.0.0/8');

	it('returns null without a socket address', () => {
		expect(resolveClientIp(undefined, '52.89.214.238', proxies)).toBeNull();
		expect(resolveClientIp('', '52.89.214.238', proxies)).toBeNull();
	});

	it('returns the socket peer and ignores X-Forwarded-For when the peer is not a trusted proxy', () => {
		expect(resolveClientIp('203.0.113.5', '52.89.214.238', proxies)).toBe('203.0.113.5');
		expect(resolveClientIp('203.0.113.5', ['52.89.214.238'], proxies)).toBe('203.0.113.5');
	});

	it('ignores X-Forwarded-For entirely when no proxy is trusted', () => {
		expect(resolveClientIp('10.0.0.2', '52.89.214.238', list(''))).toBe('10.0.0.2');
	});

	it('returns a mapped socket peer as its IPv4 address', () => {
		expect(resolveClientIp('::ffff:203.0.113.5', undefined, proxies)).toBe('203.0.113.5');
	});

	it('honours X-Forwarded-For when the peer is a trusted proxy, also when the peer is IPv4-mapped', () => {
		expect(resolveClientIp('10.0.0.2', '52.89.214.238', proxies)).toBe('52.89.214.238');
		expect(resolveClientIp('::ffff:10.0.0.2', '52.89.214.238', proxies)).toBe('52.89.214.238');
	});

	it('chooses the right-most hop that is not a trusted proxy', () => {
		expect(resolveClientIp('10.0.0.2', '52.89.214.238, 198.51.100.7', proxies)).toBe('198.51.100.7');
		expect(resolveClientIp('10.0.0.2', '52.89.214.238, 10.0.0.9, 10.1.1.1', proxies)).toBe('52.89.214.238');
	});

	it('ignores a spoofed left-most entry that the client wrote itself', () => {
		// The client sent "X-Forwarded-For: 52.89.214.238"; the proxy appended the real peer.
		expect(resolveClientIp('10.0.0.2', '52.89.214.238, 203.0.113.66', proxies)).toBe('203.0.113.66');
		expect(resolveClientIp('10.0.0.2', '10.0.0.7, 52.89.214.238, 203.0.113.66', proxies)).toBe('203.0.113.66');
	});

	it('reads the array form of the header as one list, the last header last', () => {
		expect(resolveClientIp('10.0.0.2', ['52.89.214.238, 203.0.113.66', '10.0.0.9'], proxies)).toBe('203.0.113.66');
		expect(resolveClientIp('10.0.0.2', ['198.51.100.1', '198.51.100.2'], proxies)).toBe('198.51.100.2');
	});

	it('normalises mapped and padded hops and skips empty ones', () => {
		expect(resolveClientIp('10.0.0.2', ' ::ffff:52.89.214.238 ,, ', proxies)).toBe('52.89.214.238');
	});

	it('returns the proxy itself when it sent no X-Forwarded-For', () => {
		expect(resolveClientIp('10.0.0.2', undefined, proxies)).toBe('10.0.0.2');
		expect(resolveClientIp('10.0.0.2', '', proxies)).toBe('10.0.0.2');
		expect(resolveClientIp('10.0.0.2', [], proxies)).toBe('10.0.0.2');
	});

	it('returns the left-most hop when every hop is a trusted proxy', () => {
		expect(resolveClientIp('10.0.0.2', '10.0.0.5, 10.0.0.6', proxies)).toBe('10.0.0.5');
	});

	it('works with IPv6 proxies and clients', () => {
		const v6Proxies = list('2001:db8::/32');

		expect(resolveClientIp('2001:db8::5', '2600:1f14::1, 2001:db8:1::1', v6Proxies)).toBe('2600:1f14::1');
		expect(resolveClientIp('2600:1f14::9', '2600:1f14::1', v6Proxies)).toBe('2600:1f14::9');
	});
});
