import { BaseConfig } from '#shared/config/base-config';
import { loadConfig } from '#shared/config/load-config';
import { issueToken } from '#shared/http/issue-token';
import { loadLocalSecrets } from '#shared/runtime/local-secrets';

const userId = process.argv[2];
if (!userId || !/^[A-Za-z0-9._@|:-]{1,128}$/.test(userId)) {
  console.error('usage: npm run --silent token -- <userId>   (letters, digits and . _ @ | : -)');
  process.exit(2);
}
const config = loadConfig(BaseConfig, { SERVICE_NAME: 'token', ...process.env });
const secret = config.AUTH_JWT_SECRET ?? loadLocalSecrets(config.DATA_DIR).authJwtSecret;
console.log(await issueToken({ userId, secret, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }));
