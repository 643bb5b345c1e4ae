/**
 * The sandbox's credentials, under the environment variable names the connector specs read.
 * They are derived from the seed so a dev setup stays stable across restarts, and can be
 * overridden.
 */
import { hash32 } from './random.js';

export const CREDENTIAL_NAMES = [
  'GREENHOUSE_CLIENT_ID',
  'GREENHOUSE_CLIENT_SECRET',
  'GREENHOUSE_USER_ID',
  'GREENHOUSE_WEBHOOK_SECRET',
  'WORKDAY_CLIENT_ID',
  'WORKDAY_CLIENT_SECRET',
  'WORKDAY_REFRESH_TOKEN',
  'WORKDAY_ISU_USERNAME',
  'WORKDAY_ISU_PASSWORD',
] as const;

export type CredentialName = (typeof CREDENTIAL_NAMES)[number];

export type Credentials = Readonly<Record<CredentialName, string>>;

/** Credentials for `seed`; `userId` is the Site Admin user offered as the optional `sub`. */
export function deriveCredentials(
  seed: number,
  userId: number,
  tenant: string,
  overrides: Partial<Credentials> = {},
): Credentials {
  const hex = (label: string, words: number): string => {
    let out = '';
    for (let i = 0; i < words; i++) out += hash32(seed, label, i).toString(16).padStart(8, '0');
    return out;
  };
  return {
    GREENHOUSE_CLIENT_ID: `gh_client_${hex('gh-id', 2)}`,
    GREENHOUSE_CLIENT_SECRET: `gh_secret_${hex('gh-secret', 5)}`,
    GREENHOUSE_USER_ID: String(userId),
    GREENHOUSE_WEBHOOK_SECRET: `whsec_${hex('gh-webhook', 4)}`,
    WORKDAY_CLIENT_ID: hex('wd-id', 3),
    WORKDAY_CLIENT_SECRET: hex('wd-secret', 6),
    WORKDAY_REFRESH_TOKEN: hex('wd-refresh', 8),
    WORKDAY_ISU_USERNAME: `ISU_hrflow@${tenant}`,
    WORKDAY_ISU_PASSWORD: `Isu-${hex('wd-isu', 3)}`,
    ...overrides,
  };
}
