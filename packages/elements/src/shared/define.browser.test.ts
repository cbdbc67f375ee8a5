import { expect } from '@esm-bundle/chai';
import { defineElement } from './define.ts';
import { expectNoAxeViolations } from '../test-support/axe.ts';
import { captureWarnings } from '../test-support/warnings.ts';

describe('defineElement', () => {
  it('defines a tag once and warns once, naming both versions, when a second copy arrives', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    class Third extends HTMLElement {}
    const warnings = captureWarnings();
    try {
      defineElement('test-dup-a', First);
      defineElement('test-dup-a', Second);
      defineElement('test-dup-a', Third);
    } finally {
      warnings.restore();
    }
    expect(customElements.get('test-dup-a')).to.equal(First);
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.match(/dropkit 0\.1\.0 is already on this page with <test-dup-a>; dropkit 0\.1\.0 leaves it alone\. Remove one of the two dropkit scripts\./);
  });

  it("names another library's element as such, not as another dropkit, once per tag", () => {
    customElements.define('test-taken-a', class extends HTMLElement {});
    class Ours extends HTMLElement {}
    const warnings = captureWarnings();
    try {
      defineElement('test-taken-a', Ours);
      defineElement('test-taken-a', Ours);
    } finally {
      warnings.restore();
    }
    expect(customElements.get('test-taken-a')).to.not.equal(Ours);
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.match(/another script defined <test-taken-a>; dropkit 0\.1\.0 leaves it alone\.$/);
  });

  it('registers the same class under a second, marketplace-chosen tag', () => {
    class Widget extends HTMLElement {}
    defineElement('test-widget-a', Widget);
    defineElement('acme-widget-a', Widget);
    expect(customElements.get('test-widget-a')).to.equal(Widget);
    expect(new (customElements.get('acme-widget-a')!)()).to.be.instanceOf(Widget);
  });

  it('an empty page passes axe (the checker itself works here)', async () => {
    await expectNoAxeViolations();
  });
});
