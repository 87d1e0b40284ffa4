-- NET.HOST NET.PUBLIC_SUFFIX NET.REG_DOMAIN

# title: host doc input 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST('') AS v;
[{"v": null}];

# title: public_suffix doc input 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_public_suffix
SELECT NET.PUBLIC_SUFFIX('') AS v;
[{"v": null}];

# title: reg_domain doc input 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('') AS v;
[{"v": null}];

# title: host doc input 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST('http://abc.xyz') AS v;
[{"v": "abc.xyz"}];

# title: public_suffix doc input 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_public_suffix
SELECT NET.PUBLIC_SUFFIX('http://abc.xyz') AS v;
[{"v": "xyz"}];

# title: reg_domain doc input 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('http://abc.xyz') AS v;
[{"v": "abc.xyz"}];

# title: host doc input 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST('//user:password@a.b:80/path?query') AS v;
[{"v": "a.b"}];

# title: public_suffix doc input 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_public_suffix
SELECT NET.PUBLIC_SUFFIX('//user:password@a.b:80/path?query') AS v;
[{"v": null}];

# title: reg_domain doc input 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('//user:password@a.b:80/path?query') AS v;
[{"v": null}];

# title: host doc input 4
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST('https://[::1]:80') AS v;
[{"v": "[::1]"}];

# title: public_suffix doc input 4
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_public_suffix
SELECT NET.PUBLIC_SUFFIX('https://[::1]:80') AS v;
[{"v": null}];

# title: reg_domain doc input 4
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('https://[::1]:80') AS v;
[{"v": null}];

# title: host doc input 5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST('http://例子.卷筒纸.中国') AS v;
[{"v": "例子.卷筒纸.中国"}];

# title: public_suffix doc input 5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_public_suffix
SELECT NET.PUBLIC_SUFFIX('http://例子.卷筒纸.中国') AS v;
[{"v": "中国"}];

# title: reg_domain doc input 5
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('http://例子.卷筒纸.中国') AS v;
[{"v": "卷筒纸.中国"}];

# title: host doc input 6
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST('    www.Example.Co.UK    ') AS v;
[{"v": "www.Example.Co.UK"}];

# title: public_suffix doc input 6
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_public_suffix
SELECT NET.PUBLIC_SUFFIX('    www.Example.Co.UK    ') AS v;
[{"v": "Co.UK"}];

# title: reg_domain doc input 6
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('    www.Example.Co.UK    ') AS v;
[{"v": "Example.Co.UK"}];

# title: host doc input 7
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST('mailto:?to=&subject=&body=') AS v;
[{"v": "mailto"}];

# title: public_suffix doc input 7
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_public_suffix
SELECT NET.PUBLIC_SUFFIX('mailto:?to=&subject=&body=') AS v;
[{"v": null}];

# title: reg_domain doc input 7
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('mailto:?to=&subject=&body=') AS v;
[{"v": null}];

# title: host with path and query
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST('https://www.google.com/search?q=x#frag') AS v;
[{"v": "www.google.com"}];

# title: host without scheme
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST('www.google.com/path') AS v;
[{"v": "www.google.com"}];

# title: host null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_host
SELECT NET.HOST(NULL) AS v;
[{"v": null}];

# title: reg_domain google co uk
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('https://www.google.co.uk/x') AS v;
[{"v": "google.co.uk"}];

# title: public_suffix com
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_public_suffix
SELECT NET.PUBLIC_SUFFIX('https://www.google.com') AS v;
[{"v": "com"}];

# title: reg_domain com
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('https://www.google.com') AS v;
[{"v": "google.com"}];

# title: reg_domain of a bare suffix is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#net_reg_domain
SELECT NET.REG_DOMAIN('co.uk') AS v;
[{"v": null}];

-- IP addresses

# title: ip_from_string ipv4
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_from_string
SELECT NET.IP_FROM_STRING('48.49.50.51') AS v;
[{"v": "MDEyMw=="}];

# title: ip_from_string ipv6 loopback
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_from_string
SELECT NET.IP_FROM_STRING('::1') AS v;
[{"v": "AAAAAAAAAAAAAAAAAAAAAQ=="}];

# title: ip_from_string ipv6 full
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_from_string
SELECT NET.IP_FROM_STRING('3031:3233:3435:3637:3839:4041:4243:4445') AS v;
[{"v": "MDEyMzQ1Njc4OUBBQkNERQ=="}];

# title: ip_from_string ipv4 mapped
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_from_string
SELECT NET.IP_FROM_STRING('::ffff:192.0.2.128') AS v;
[{"v": "AAAAAAAAAAAAAP//wAACgA=="}];

# title: ip_from_string invalid is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_from_string
# error: invalidQuery
SELECT NET.IP_FROM_STRING('256.0.0.1') AS v;
256.0.0.1;

# title: ip_from_string cidr is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_from_string
# error: invalidQuery
SELECT NET.IP_FROM_STRING('1.2.3.4/24') AS v;
1.2.3.4/24;

# title: ip_from_string null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_from_string
SELECT NET.IP_FROM_STRING(NULL) AS v;
[{"v": null}];

# title: safe_ip_from_string ipv4
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netsafe_ip_from_string
SELECT NET.SAFE_IP_FROM_STRING('48.49.50.51') AS v;
[{"v": "MDEyMw=="}];

# title: safe_ip_from_string invalid is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netsafe_ip_from_string
SELECT NET.SAFE_IP_FROM_STRING('48.49.50') AS v;
[{"v": null}];

# title: safe_ip_from_string cidr is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netsafe_ip_from_string
SELECT NET.SAFE_IP_FROM_STRING('::1/128') AS v;
[{"v": null}];

# title: safe_ip_from_string ipv6
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netsafe_ip_from_string
SELECT NET.SAFE_IP_FROM_STRING('::1') AS v;
[{"v": "AAAAAAAAAAAAAAAAAAAAAQ=="}];

# title: ip_to_string ipv4
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_to_string
SELECT NET.IP_TO_STRING(b'0123') AS v;
[{"v": "48.49.50.51"}];

# title: ip_to_string ipv6 loopback
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_to_string
SELECT NET.IP_TO_STRING(b'\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01') AS v;
[{"v": "::1"}];

# title: ip_to_string ipv6 full
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_to_string
SELECT NET.IP_TO_STRING(b'0123456789@ABCDE') AS v;
[{"v": "3031:3233:3435:3637:3839:4041:4243:4445"}];

# title: ip_to_string ipv4 mapped
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_to_string
SELECT NET.IP_TO_STRING(b'\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xFF\xFF\xC0\x00\x02\x80') AS v;
[{"v": "::ffff:192.0.2.128"}];

# title: ip_to_string wrong length is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_to_string
# error: invalidQuery
SELECT NET.IP_TO_STRING(b'123') AS v;
length 3;

# title: ip round trip
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_to_string
SELECT NET.IP_TO_STRING(NET.IP_FROM_STRING('192.168.0.1')) AS v;
[{"v": "192.168.0.1"}];

# title: ipv4_from_int64 zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_from_int64
SELECT NET.IPV4_FROM_INT64(0) AS v;
[{"v": "AAAAAA=="}];

# title: ipv4_from_int64 abcdef
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_from_int64
SELECT NET.IPV4_FROM_INT64(0xABCDEF) AS v;
[{"v": "AKvN7w=="}];

# title: ipv4_from_int64 max
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_from_int64
SELECT NET.IPV4_FROM_INT64(0xFFFFFFFF) AS v;
[{"v": "/////w=="}];

# title: ipv4_from_int64 -1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_from_int64
SELECT NET.IPV4_FROM_INT64(-1) AS v;
[{"v": "/////w=="}];

# title: ipv4_from_int64 -2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_from_int64
SELECT NET.IPV4_FROM_INT64(-2) AS v;
[{"v": "/////g=="}];

# title: ipv4_from_int64 out of range is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_from_int64
# error: invalidQuery
SELECT NET.IPV4_FROM_INT64(0x100000000) AS v;
4294967296;

# title: ipv4_to_int64 zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_to_int64
SELECT NET.IPV4_TO_INT64(b'\x00\x00\x00\x00') AS v;
[{"v": 0}];

# title: ipv4_to_int64 abcdef
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_to_int64
SELECT NET.IPV4_TO_INT64(b'\x00\xAB\xCD\xEF') AS v;
[{"v": 11259375}];

# title: ipv4_to_int64 max
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_to_int64
SELECT NET.IPV4_TO_INT64(b'\xFF\xFF\xFF\xFF') AS v;
[{"v": 4294967295}];

# title: ipv4_to_int64 from string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_to_int64
SELECT NET.IPV4_TO_INT64(NET.IP_FROM_STRING('1.2.3.4')) AS v;
[{"v": 16909060}];

# title: ipv4_to_int64 wrong length is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netipv4_to_int64
# error: invalidQuery
SELECT NET.IPV4_TO_INT64(b'\x00\x00') AS v;
4 bytes;

# title: ip_net_mask 4 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_net_mask
SELECT NET.IP_NET_MASK(4, 0) AS v;
[{"v": "AAAAAA=="}];

# title: ip_net_mask 4 20
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_net_mask
SELECT NET.IP_NET_MASK(4, 20) AS v;
[{"v": "///wAA=="}];

# title: ip_net_mask 4 32
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_net_mask
SELECT NET.IP_NET_MASK(4, 32) AS v;
[{"v": "/////w=="}];

# title: ip_net_mask 16 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_net_mask
SELECT NET.IP_NET_MASK(16, 0) AS v;
[{"v": "AAAAAAAAAAAAAAAAAAAAAA=="}];

# title: ip_net_mask 16 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_net_mask
SELECT NET.IP_NET_MASK(16, 1) AS v;
[{"v": "gAAAAAAAAAAAAAAAAAAAAA=="}];

# title: ip_net_mask 16 128
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_net_mask
SELECT NET.IP_NET_MASK(16, 128) AS v;
[{"v": "/////////////////////w=="}];

# title: ip_net_mask invalid prefix is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_net_mask
# error: invalidQuery
SELECT NET.IP_NET_MASK(4, 33) AS v;
IP_NET_MASK;

# title: ip_trunc 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_trunc
SELECT NET.IP_TRUNC(b'\xAA\xBB\xCC\xDD', 0) AS v;
[{"v": "AAAAAA=="}];

# title: ip_trunc 11
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_trunc
SELECT NET.IP_TRUNC(b'\xAA\xBB\xCC\xDD', 11) AS v;
[{"v": "qqAAAA=="}];

# title: ip_trunc 12
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_trunc
SELECT NET.IP_TRUNC(b'\xAA\xBB\xCC\xDD', 12) AS v;
[{"v": "qrAAAA=="}];

# title: ip_trunc 24
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_trunc
SELECT NET.IP_TRUNC(b'\xAA\xBB\xCC\xDD', 24) AS v;
[{"v": "qrvMAA=="}];

# title: ip_trunc 32
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_trunc
SELECT NET.IP_TRUNC(b'\xAA\xBB\xCC\xDD', 32) AS v;
[{"v": "qrvM3Q=="}];

# title: ip_trunc ipv6 80
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_trunc
SELECT NET.IP_TRUNC(b'0123456789@ABCDE', 80) AS v;
[{"v": "MDEyMzQ1Njc4OQAAAAAAAA=="}];

# title: ip_trunc too long prefix is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_trunc
# error: invalidQuery
SELECT NET.IP_TRUNC(b'\xAA\xBB\xCC\xDD', 33) AS v;
IP_TRUNC;

# title: ip_trunc to string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions#netip_trunc
SELECT NET.IP_TO_STRING(NET.IP_TRUNC(NET.IP_FROM_STRING('192.168.1.77'), 24)) AS v;
[{"v": "192.168.1.0"}];
