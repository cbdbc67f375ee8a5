/** Links a hostile or careless page may hand a widget; none of them may ever become an href. */
export const hostileUrls: readonly string[] = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  ' javascript:alert(1)',
  '\u0000javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/buy',
  'http://buy.stripe.com/abc',
  'https://shop.example@evil.example/buy',
  'file:///etc/passwd',
  'blob:https://example.com/uuid',
  '',
  '   ',
  'not a url',
];
