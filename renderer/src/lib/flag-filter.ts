/** A flag filter cycles: any → set → not set → any. */
export function nextFlag(value: boolean | undefined): boolean | undefined {
  return value === undefined ? true : value ? false : undefined
}

/** `Invalid`, `Invalid: yes`, `Invalid: no`. */
export function flagLabel(name: string, value: boolean | undefined): string {
  return value === undefined ? name : value ? `${name}: yes` : `${name}: no`
}
