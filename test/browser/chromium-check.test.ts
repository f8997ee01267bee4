import { describe, expect, it } from 'vitest';
import { checkChromium } from './browser.fixture.ts';

describe('checkChromium', () => {
  it('runs the browser suite when the executable exists', () => {
    // Prepare
    const existing = process.execPath;

    // Act
    const check = checkChromium({}, existing);

    // Assess
    expect(check).toEqual({ run: true });
  });

  it('fails on CI and skips elsewhere when chromium is missing, saying plainly it was not run', () => {
    // Prepare
    const missing = '/nonexistent/chromium';

    // Act
    const onCi = checkChromium({ CI: 'true' }, missing);
    const local = checkChromium({}, missing);

    // Assess
    expect(onCi).toMatchObject({ run: false, fail: true });
    expect(local).toMatchObject({ run: false, fail: false });
    if (!local.run) expect(local.reason).toContain('NOT RUN');
  });
});
