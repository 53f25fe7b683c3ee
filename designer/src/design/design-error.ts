import { ElMessage } from 'element-plus';
import { ApiError } from '../api/graphql-error.js';
import { errorMessage } from '../errors/error-message.js';
import { i18n } from '../i18n/language.js';

/**
 * An admin API error as the designer says it: a stale save names who
 * changed the document, a refused layer edit says which lock, a stale plan
 * asks to plan again; everything else as the console says it.
 */
export function designErrorMessage(error: unknown): string {
  const t = i18n.global.t;
  if (!(error instanceof ApiError)) return errorMessage(error);
  if (error.code === 'CONFLICT') return t('design.errors.CONFLICT', { who: String(error.extensions['changedBy'] ?? '—') });
  if (error.code === 'PLAN_STALE') return t('design.errors.PLAN_STALE');
  if (error.code === 'CONFIRMATION_REQUIRED') return t('design.errors.CONFIRMATION_REQUIRED');
  if (error.code === 'FORBIDDEN') return t('design.errors.FORBIDDEN', { message: error.message });
  return errorMessage(error);
}

/** Runs an admin action with `busy` set, and says how it went: `done` on success, the error as the designer says it otherwise. */
export async function withFeedback(busy: { value: boolean }, action: () => Promise<void>, done: string): Promise<boolean> {
  busy.value = true;
  try {
    await action();
    ElMessage.success(done);
    return true;
  } catch (e) {
    ElMessage.error({ message: designErrorMessage(e), duration: 10000 });
    return false;
  } finally {
    busy.value = false;
  }
}
