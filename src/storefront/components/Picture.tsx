import type { Media } from '@/payload-types'

type Size = 'thumbnail' | 'card' | 'detail'

/** The stored WebP size of an image, or the original when that size was not made (small uploads). */
export const imageSource = (
  media: Media,
  size: Size,
): { url: string; width: number; height: number } | undefined => {
  const sized = media.sizes?.[size]
  if (sized?.url && sized.width && sized.height)
    return { url: sized.url, width: sized.width, height: sized.height }
  if (media.url && media.width && media.height)
    return { url: media.url, width: media.width, height: media.height }
  return undefined
}

/** An image at one of the media collection's WebP sizes, with its size attributes and alt text. */
export const Picture = ({
  media,
  size,
  sizes,
  eager = false,
  className,
}: {
  media: Media
  size: Size
  /** The `sizes` attribute: how wide the layout shows it. */
  sizes?: string
  eager?: boolean
  className?: string
}) => {
  const source = imageSource(media, size)
  if (!source) return null
  return (
    // A plain <img>: the WebP sizes are made at upload, so no image optimiser is needed.
    <img
      className={className}
      src={source.url}
      srcSet={`${source.url} ${source.width}w`}
      sizes={sizes}
      width={source.width}
      height={source.height}
      alt={media.alt ?? ''}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  )
}
