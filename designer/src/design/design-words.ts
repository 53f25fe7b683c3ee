import { i18n } from '../i18n/language.js';
import { LANGUAGES } from '../i18n/messages.js';
import { designMessages } from './design-messages.js';

/** Adds the designer's words to the app's messages: they load with the designer's chunks, not with the console. */
export function loadDesignWords(): void {
  for (const language of LANGUAGES) i18n.global.mergeLocaleMessage(language, { design: designMessages[language] } as never);
}
