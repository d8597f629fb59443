import { describe, expect, test } from 'vitest';
import { isSidebarToken, newSidebarToken, sameToken, sidebarFrameUrl, sidebarPortName, sidebarTokenOf, tokenOfSidebarPort } from '../../../src/protocol/sidebar-token';

const SIDEBAR_URL = 'moz-extension://6f1c2d3e-0000-4000-8000-000000000000/extension/sidebar/index.html';

describe('sidebar token', () => {
  test('fresh and unguessable: 128 random bits each time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newSidebarToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(isSidebarToken(token)).toBe(true);
  });

  test("travels in the frame's address and is read back from it only when well-formed", () => {
    const token = newSidebarToken();
    expect(sidebarTokenOf(sidebarFrameUrl(SIDEBAR_URL, token))).toBe(token);
    expect(sidebarTokenOf(SIDEBAR_URL)).toBeNull();
    expect(sidebarTokenOf(`${SIDEBAR_URL}#`)).toBeNull();
    expect(sidebarTokenOf(`${SIDEBAR_URL}#${token}x`)).toBeNull();
    expect(sidebarTokenOf(`${SIDEBAR_URL}#<img src=x>`)).toBeNull();
  });

  test("travels in the port's name, which only a well-formed token makes a sidebar port", () => {
    const token = newSidebarToken();
    expect(tokenOfSidebarPort(sidebarPortName(token))).toBe(token);
    expect(tokenOfSidebarPort(`other#${token}`)).toBeNull();
    expect(tokenOfSidebarPort(sidebarPortName(`${token}x`))).toBeNull();
    expect(tokenOfSidebarPort(sidebarPortName(''))).toBeNull();
  });

  test('compared in full', () => {
    const token = newSidebarToken();
    expect(sameToken(token, token)).toBe(true);
    expect(sameToken(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(sameToken(token, token.slice(1))).toBe(false);
    expect(sameToken(null, token)).toBe(false);
    expect(sameToken(token, undefined)).toBe(false);
  });
});
