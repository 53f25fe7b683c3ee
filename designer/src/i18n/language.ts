import { createI18n } from 'vue-i18n';
import { ref } from 'vue';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import { LANGUAGES, messages, type Language } from './messages.js';

export const ELEMENT_LOCALES = { en: elementEn, 'zh-CN': elementZhCn } as const;

/** A user's language is remembered per login in this browser; before sign-in, the last one used here. */
const keyFor = (login: string | null) => (login ? `lattice.language.${login}` : 'lattice.language');

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

export function rememberedLanguage(login: string | null): Language {
  const stored = localStorage.getItem(keyFor(login)) ?? localStorage.getItem(keyFor(null));
  if (isLanguage(stored)) return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const i18n = createI18n({ legacy: false, locale: rememberedLanguage(null), fallbackLocale: 'en', messages });

/** The language shown now (Element Plus follows it). */
export const currentLanguage = ref<Language>(i18n.global.locale.value as Language);

export function setLanguage(language: Language, login: string | null): void {
  i18n.global.locale.value = language;
  currentLanguage.value = language;
  document.documentElement.lang = language;
  localStorage.setItem(keyFor(null), language);
  if (login) localStorage.setItem(keyFor(login), language);
}

/** A metadata label (`{ en, zh-CN }`) in the current language, else English, else the fallback. */
export function localized(label: unknown, fallback = ''): string {
  if (typeof label === 'string') return label;
  if (!label || typeof label !== 'object') return fallback;
  const byLanguage = label as Record<string, string | undefined>;
  return byLanguage[currentLanguage.value] ?? byLanguage['en'] ?? Object.values(byLanguage)[0] ?? fallback;
}
