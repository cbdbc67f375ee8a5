/** Arabic words for dropkit's elements; see ../shared/words.ts for what each one is. */
import type { Words } from '../shared/words.ts';

export default {
  live: 'مباشر الآن',
  ended: 'انتهى هذا الإطلاق',
  soldOut: 'نفدت الكمية',
  addToCalendar: 'أضف إلى التقويم',
  googleCalendar: 'تقويم Google',
  notifyMe: 'ذكّرني',
  yourTime: '{time} (بتوقيتك)',
  creatorTime: '{time} ({zone})',
  startsIn: 'يبدأ الإطلاق {time}.',
  isLive: 'بدأ الإطلاق.',
  dropsIn: 'يبدأ بعد {time}',
  comingSoon: 'قريبًا',
  dropEnded: 'انتهى الإطلاق',
  unavailable: 'الدفع غير متاح',
  buy: 'شراء',
  // The noun follows the count: dual for 2, plural for 3–10, singular from 11 on.
  onlyLeft: {
    zero: 'تبقّت {n} قطعة',
    one: 'تبقّت {n} قطعة فقط',
    two: 'تبقّت {n} قطعتان فقط',
    few: 'تبقّت {n} قطع فقط',
    many: 'تبقّت {n} قطعة فقط',
    other: 'تبقّت {n} قطعة فقط',
  },
  clip: 'فيديو المنتج',
  play: 'تشغيل',
  pause: 'إيقاف مؤقت',
  mute: 'كتم الصوت',
  captions: 'الترجمة',
  playClip: 'تشغيل الفيديو',
  watchAgain: 'شاهد مجددًا',
  productsNow: 'المنتجات في هذه اللحظة',
  allProducts: 'كل المنتجات في هذا الفيديو',
  productList: 'منتجات هذا الفيديو',
} satisfies Words;
