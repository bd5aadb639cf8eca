/**
 * JSON for an inline `<script type="application/ld+json">`: `<`, `>` and `&` (and the JavaScript
 * line separators) as `\u` escapes, so no value (a product model `</script><script>…`) can end the
 * script element or open a comment; JSON parsers read the escapes back as the same characters.
 */
export const jsonForScript = (data: unknown): string =>
  JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
