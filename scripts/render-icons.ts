import { Resvg } from '@resvg/resvg-js'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Renders resources/icon.svg into build/icons/<n>x<n>.png, the folder electron-builder reads:
 * Linux takes the whole folder, Windows builds its .ico from 256 px, macOS its .icns from 1024 px.
 * The PNGs are build output (git-ignored) and are rendered again by `npm run dist`.
 */

const ROOT = resolve(import.meta.dirname, '..')
export const ICON_SVG = join(ROOT, 'resources', 'icon.svg')
export const ICON_OUT_DIR = join(ROOT, 'build', 'icons')
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const

/** The tile's bounds inside the 1024 canvas (resources/icon.svg). */
const TILE_VIEWBOX = '96 96 832 832'
/** At or below this size the transparent margin macOS wants costs too many pixels. */
const FULL_BLEED_MAX = 48

/** The rendered bitmap: `pixels` is RGBA, row by row, for tests that look at the image itself. */
export function renderIconImage(svg: Buffer | string, size: number): { png: () => Buffer; pixels: Buffer } {
  // Small sizes drop the margin so the tile's edges land on whole pixels instead of a blur.
  const source = size <= FULL_BLEED_MAX ? svg.toString().replace(/viewBox="[^"]*"/, `viewBox="${TILE_VIEWBOX}"`) : svg
  const resvg = new Resvg(source, {
    fitTo: { mode: 'width', value: size },
    // No system fonts: the icon has no text, and loading them costs seconds.
    font: { loadSystemFonts: false },
  })
  const image = resvg.render()
  return { png: () => image.asPng(), pixels: image.pixels }
}

export function renderIcon(svg: Buffer | string, size: number): Buffer {
  return renderIconImage(svg, size).png()
}

export function renderAll(outDir: string = ICON_OUT_DIR): string[] {
  const svg = readFileSync(ICON_SVG)
  mkdirSync(outDir, { recursive: true })
  return ICON_SIZES.map((size) => {
    const file = join(outDir, `${size}x${size}.png`)
    writeFileSync(file, renderIcon(svg, size))
    return file
  })
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = renderAll(process.argv[2] ? resolve(process.argv[2]) : ICON_OUT_DIR)
  console.log(`Rendered ${files.length} icons into ${process.argv[2] ?? 'build/icons'}`)
}
