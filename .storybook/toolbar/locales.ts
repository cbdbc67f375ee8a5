/** Languages a designer can switch the story's page to; Arabic pairs with the RTL toggle. */
export const LOCALES = [
  { value: 'en', title: 'English' },
  { value: 'en-US', title: 'English (US)' },
  { value: 'fr', title: 'Français' },
  { value: 'de', title: 'Deutsch' },
  { value: 'ja', title: '日本語' },
  { value: 'ar', title: 'العربية' },
];
