import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ICON_SIZES, ICON_SVG, renderIcon, renderIconImage } from '../../../scripts/render-icons'

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('the app icon', () => {
  const svg = readFileSync(ICON_SVG)

  it('is a square SVG', () => {
    expect(svg.toString()).toMatch(/viewBox="0 0 1024 1024"/)
  })

  it('renders every size the platforms need, at exactly that size', () => {
    expect(ICON_SIZES).toEqual(expect.arrayContaining([16, 32, 256, 512, 1024]))
    for (const size of [16, 48, 256, 1024]) {
      expect(pngSize(renderIcon(svg, size))).toEqual({ width: size, height: size })
    }
  })

  it('fills a 16 px icon to its edges so it stays crisp, and keeps the macOS margin at 1024 px', () => {
    const alpha = (pixels: Buffer, size: number, x: number, y: number): number => pixels[(y * size + x) * 4 + 3] ?? -1
    const small = renderIconImage(svg, 16).pixels
    expect(alpha(small, 16, 0, 8)).toBe(255)
    expect(alpha(small, 16, 15, 8)).toBe(255)
    const large = renderIconImage(svg, 1024).pixels
    expect(alpha(large, 1024, 40, 512)).toBe(0)
    expect(alpha(large, 1024, 512, 512)).toBe(255)
  })
})
