import sharp from 'sharp'

/** A generated product picture (a tinted gradient with a device silhouette), as PNG bytes. */
export const productImage = async (seed: number): Promise<Buffer> => {
  const hue = (seed * 47) % 360
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,65%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},60%,35%)"/>
    </linearGradient></defs>
    <rect width="800" height="600" fill="url(#g)"/>
    <rect x="300" y="110" width="200" height="380" rx="28" fill="rgba(255,255,255,0.85)"/>
    <circle cx="400" cy="455" r="14" fill="hsl(${hue},40%,40%)"/>
  </svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}
