import { resolve } from 'node:path';

/**
 * The committed test TLS material (test/fixtures/tls). The CA's private key was
 * destroyed after signing and the CA is name-constrained to 127.0.0.1 and
 * localhost, so trusting ca.crt (NODE_EXTRA_CA_CERTS, set by the npm scripts)
 * vouches for this simulator and nothing else.
 */
const dir = resolve(__dirname, '../test/fixtures/tls');

/** The CA to trust: NODE_EXTRA_CA_CERTS=<this>. */
export const TEST_CA_FILE = resolve(dir, 'ca.crt');
export const SERVER_CERT_FILE = resolve(dir, 'server.crt');
export const SERVER_KEY_FILE = resolve(dir, 'server.key');
/** Private key + certificate (PEM) of the simulated app registration, for ClientCertificateCredential. */
export const CLIENT_CERTIFICATE_FILE = resolve(dir, 'client.pem');
/** The certificate alone, as registered on the simulated app. */
export const CLIENT_PUBLIC_CERT_FILE = resolve(dir, 'client.crt');
