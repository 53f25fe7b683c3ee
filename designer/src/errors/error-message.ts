import { ApiError } from '../api/graphql-error.js';
import { i18n } from '../i18n/language.js';

const KNOWN = ['UNAUTHENTICATED', 'LIMIT_EXCEEDED', 'VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'NETWORK', 'CONFLICT'];

/**
 * What a user reads for an error, in their language: the platform's code
 * picks the sentence (its English message is detail for VALIDATION only);
 * never a stack or an internal message.
 */
export function errorMessage(error: unknown): string {
  const t = i18n.global.t;
  if (!(error instanceof ApiError)) return t('errors.other', { code: 'CLIENT' });
  if (!KNOWN.includes(error.code)) return t('errors.other', { code: error.code });
  if (error.code === 'LIMIT_EXCEEDED') {
    const until = error.extensions['lockedUntil'];
    return t('errors.LIMIT_EXCEEDED', { until: typeof until === 'string' ? new Date(until).toLocaleTimeString(i18n.global.locale.value) : '—' });
  }
  if (error.code === 'VALIDATION') return t('errors.VALIDATION', { message: error.message });
  return t(`errors.${error.code}`);
}
