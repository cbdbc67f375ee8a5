import { describe, expect, it } from 'vitest';
import { sheetValues, sheetValuesOnRoot, type SheetNode } from './root-sheet.ts';

/** A mark's root with one rect, as the sanitizer's tree holds it. */
const root = (attributes: Record<string, string> = {}): SheetNode => ({
  name: 'svg',
  attributes: new Map(Object.entries(attributes)),
  children: [{ name: 'style', attributes: new Map(), children: [] }, { name: 'rect', attributes: new Map(), children: [] }],
});
const opacity = (css: string, attributes?: Record<string, string>) => sheetValuesOnRoot(root(attributes), css, ['opacity']).get('opacity');

describe("the cascade of a mark's sheet on its root", () => {
  it('picks by importance, then specificity, then order', () => {
    expect(opacity('svg{opacity:.5} svg{opacity:.6}')).toEqual({ value: '.6', important: false });
    // Order counts across selector lists of one rank, however often each repeats.
    const both = { class: 'a', viewBox: '0 0 1 1' };
    expect(opacity('.a{opacity:.2} [viewBox]{opacity:.3} .a{opacity:.4} [viewBox]{opacity:.5}', both)).toEqual({ value: '.5', important: false });
    expect(opacity('[viewBox]{opacity:.3} .a{opacity:.4} [viewBox]{opacity:.5} .a{opacity:.6;opacity:.7}', both)).toEqual({ value: '.7', important: false });
    expect(opacity('.a{opacity:.1!important} [viewBox]{opacity:.5} .a{opacity:.6}', both)).toEqual({ value: '.1', important: true });
    expect(opacity('#a{opacity:.2} svg{opacity:.5}', { id: 'a' })).toEqual({ value: '.2', important: false });
    expect(opacity('.a.b{opacity:.2} svg.a{opacity:.5}', { class: 'a b' })).toEqual({ value: '.2', important: false });
    expect(opacity('svg{opacity:.3 ! important} #a{opacity:.9}', { id: 'a' })).toEqual({ value: '.3', important: true });
    // :where() counts nothing, :is() and :not() their most specific argument.
    expect(opacity('svg{opacity:.5} :where(#a){opacity:.1}', { id: 'a' })).toEqual({ value: '.5', important: false });
    expect(opacity(':is(#a, rect){opacity:.1} svg.a{opacity:.5}', { id: 'a', class: 'a' })).toEqual({ value: '.1', important: false });
  });

  it('matches the root as the mark alone shows it: :root, *, its class or id, never a selector that needs a parent or a sibling', () => {
    for (const selector of [':root', '*', 'svg:first-child', 'svg:only-child', '[viewBox]', 'svg:not(rect)', ':has(> rect)']) {
      expect([selector, opacity(`${selector}{opacity:.5}`, { viewBox: '0 0 1 1' })?.value]).toEqual([selector, '.5']);
    }
    for (const selector of ['g svg', 'svg > svg', 'rect', 'svg + svg', '.other', 'svg:hover']) {
      expect([selector, opacity(`${selector}{opacity:.5}`)]).toEqual([selector, undefined]);
    }
  });

  it('reads past comments, strings and nested blocks, and drops a rule whose selector list does not parse, whole', () => {
    expect(opacity('/* svg{opacity:.1} */ svg{opacity:.5}')).toEqual({ value: '.5', important: false });
    expect(opacity('svg[data-x="{;}"]{opacity:.5}', { 'data-x': '{;}' })).toEqual({ value: '.5', important: false });
    expect(opacity('svg{opacity:.5; & rect{opacity:.1}}')).toEqual({ value: '.5', important: false });
    expect(opacity('svg{opacity:.5} svg, svg[[{opacity:.1}')).toEqual({ value: '.5', important: false });
    expect(sheetValuesOnRoot(root(), 'svg{filter:url(#f);mask:url("#m")}', ['opacity', 'filter', 'mask'])).toEqual(
      new Map([
        ['filter', { value: 'url(#f)', important: false }],
        ['mask', { value: 'url("#m")', important: false }],
      ]),
    );
  });

  it('tries each selector only on the elements its subject could be, so the work grows with the sheet and the matches, not their product', () => {
    // 200 shapes, each with a class of its own: a sheet of class rules costs one compile and one
    // try per rule that names a class the mark has, and nothing for the rest.
    const mark: SheetNode = {
      name: 'svg',
      attributes: new Map(),
      children: Array.from({ length: 200 }, (_, index) => ({ name: 'rect', attributes: new Map([['class', `c${index}`]]), children: [] })),
    };
    const cost = (css: string) => {
      let tests = 0;
      const found = sheetValues(mark, css, () => true, (count) => (tests += count));
      return { tests, styled: found.size };
    };
    const classRules = (count: number) => Array.from({ length: count }, (_, index) => `.c${index}{fill:#000}`).join('');
    const perRule = cost(classRules(1)).tests;
    expect(cost(classRules(200))).toEqual({ tests: 200 * perRule, styled: 200 });
    // 5 000 rules for classes the mark lacks cost nothing more.
    expect(cost(classRules(200) + Array.from({ length: 5_000 }, (_, index) => `.other${index}{fill:#000}`).join('')).tests).toBe(200 * perRule);
    // A rule whose subject any element could be is tried on all 201, once however often it repeats.
    expect(cost('*{fill:#000}'.repeat(50)).tests - cost('*{fill:#000}').tests).toBe(0);
  });
});
