/** For tests: every spelling of a private, loopback or reserved target an attacker may put in a webhook URL. */
export const REFUSED_WEBHOOK_URLS = [
  // IPv4 special-purpose ranges
  'http://0.0.0.0/', 'http://0.1.2.3/', 'http://10.0.0.1/', 'http://10.255.255.255/', 'http://100.64.0.1/', 'http://100.127.255.254/',
  'http://127.0.0.1/', 'http://127.255.255.254/', 'http://169.254.169.254/', 'http://172.16.0.1/', 'http://172.31.255.255/',
  'http://192.0.0.1/', 'http://192.0.2.1/', 'http://192.168.0.1/', 'http://198.18.0.1/', 'http://198.19.255.255/', 'http://198.51.100.7/',
  'http://203.0.113.9/', 'http://224.0.0.1/', 'http://239.255.255.250/', 'http://240.0.0.1/', 'http://255.255.255.255/',
  // odd IPv4 spellings the WHATWG URL parser turns into 127.0.0.1 or 0.0.0.0
  'http://2130706433/', 'http://0177.0.0.1/', 'http://0x7f.1/', 'http://127.1/', 'http://0x7f000001/', 'http://017700000001/',
  'http://0/', 'http://127.0.0.1./', 'http://%31%32%37.0.0.1/',
  // IPv6 encodings of IPv4 loopback and private addresses
  'http://[::7f00:1]/', 'http://[::127.0.0.1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://[0:0:0:0:0:ffff:127.0.0.1]/',
  'http://[::ffff:0:7f00:1]/', 'http://[::ffff:a9fe:a9fe]/', 'http://[64:ff9b::7f00:1]/', 'http://[64:ff9b::a9fe:a9fe]/',
  'http://[64:ff9b:1::7f00:1]/', 'http://[64:ff9b:1::808:808]/', 'http://[2002:7f00:1::]/', 'http://[2002:a00:1::1]/',
  // IPv6 special-purpose ranges
  'http://[::]/', 'http://[::1]/', 'http://[fec0::1]/', 'http://[2001::1]/', 'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
  'http://[fc00::1]/', 'http://[fd12:3456::1]/', 'http://[fe80::1]/', 'http://[febf::1]/', 'http://[ff02::1]/', 'http://[ff0e::1]/',
  'http://[2001:db8::1]/', 'http://[3fff::1]/', 'http://[2001:2::1]/', 'http://[100::1]/',
  // names that never leave the machine or the cluster
  'http://localhost/', 'http://LOCALHOST./', 'http://api.localhost/', 'http://metadata.google.internal/', 'http://printer.local/',
];

/** Public targets, some written in the same encodings. */
export const ACCEPTED_WEBHOOK_URLS = [
  'https://8.8.8.8/', 'https://100.128.0.1/', 'https://172.32.0.1/', 'https://198.20.0.1/', 'https://[2606:4700:4700::1111]/',
  'https://[::ffff:8.8.8.8]/', 'https://[64:ff9b::808:808]/', 'https://[2002:808:808::1]/', 'https://hooks.example.com/todo',
];
