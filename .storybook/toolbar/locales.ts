/** Languages a designer can switch the story's page to; Arabic pairs with the RTL toggle. */
export const LOCALES = [
  { value: 'en', title: 'English' },
  { value: 'en-US', title: 'English (US)' },
  { value: 'fr', title: 'Français' },
  { value: 'de', title: 'Deutsch' },
  { value: 'es', title: 'Español' },
  { value: 'it', title: 'Italiano' },
  { value: 'nl', title: 'Nederlands' },
  { value: 'pl', title: 'Polski' },
  { value: 'pt-BR', title: 'Português (Brasil)' },
  { value: 'sv', title: 'Svenska' },
  { value: 'tr', title: 'Türkçe' },
  { value: 'ja', title: '日本語' },
  { value: 'ko', title: '한국어' },
  { value: 'zh', title: '中文（简体）' },
  { value: 'zh-TW', title: '中文（台灣）' },
  { value: 'ar', title: 'العربية' },
];
