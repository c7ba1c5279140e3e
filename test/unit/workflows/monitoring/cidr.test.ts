import { compileCidrSet, parseCidr, parseIp } from '../../../../workflows/monitoring/cidr';

describe('CIDR allow-list', () => {
  const set = compileCidrSet(['10.0.0.0/8', '192.168.1.128/25', '203.0.113.7', '2001:db8::/32', 'fe80::1/128', 'not-a-range', '10.0.0.0/33']);

  it.each([
    ['10.255.1.2', true],
    ['11.0.0.1', false],
    ['192.168.1.200', true],
    ['192.168.1.127', false],
    ['203.0.113.7', true],
    ['203.0.113.8', false],
    ['2001:db8:abcd::1', true],
    ['2001:DB8::', true],
    ['2001:db9::1', false],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['fe80::2', false],
    ['::ffff:10.1.2.3', true], // IPv4-mapped IPv6 matches the IPv4 range
    ['::ffff:11.1.2.3', false],
    ['garbage', false],
    ['', false],
  ])('%s in list: %s', (ip, expected) => expect(set.contains(ip)).toBe(expected));

  it('reports entries it cannot read instead of dropping them silently', () => {
    expect(set.invalid).toEqual(['not-a-range', '10.0.0.0/33']);
  });

  it('parses the IPv6 forms sign-in logs use', () => {
    expect(parseIp('::1')?.[15]).toBe(1);
    expect(parseIp('2001:db8:0:0:0:0:0:1')).toEqual(parseIp('2001:db8::1'));
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
    expect(parseIp('256.1.1.1')).toBeUndefined();
    expect(parseCidr('0.0.0.0/0')?.prefix).toBe(0);
    expect(compileCidrSet(['0.0.0.0/0']).contains('8.8.8.8')).toBe(true);
  });
});
