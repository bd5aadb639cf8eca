/** Small form and navigation pieces the listing and product pages share. */

type Option = { value: string; label: string; count?: number }

/**
 * A facet as a group of radio buttons: "any" (the empty value) first, then the options with
 * their counts; the selected value is matched case-insensitively (brands are).
 */
export const RadioFacet = ({
  name,
  legend,
  anyLabel,
  options,
  selected,
}: {
  name: string
  legend: string
  anyLabel: string
  options: Option[]
  selected?: string
}) => (
  <fieldset>
    <legend>{legend}</legend>
    {[{ value: '', label: anyLabel } as Option, ...options].map((option) => (
      <label key={option.value}>
        <input
          type="radio"
          name={name}
          value={option.value}
          defaultChecked={(selected ?? '').toLowerCase() === option.value.toLowerCase()}
        />
        {option.label}
        {option.count !== undefined && <span className="count">{`(${option.count})`}</span>}
      </label>
    ))}
  </fieldset>
)

/**
 * A GET form with one select and a submit button (sorting), carrying `hidden` values along so the
 * rest of the URL's state survives.
 */
export const SortForm = ({
  action,
  id,
  name,
  label,
  options,
  selected,
  hidden = {},
}: {
  action: string
  id: string
  name: string
  label: string
  options: Option[]
  selected: string
  hidden?: Record<string, string | undefined>
}) => (
  <form method="get" action={action} className="sort">
    {Object.entries(hidden).map(([field, value]) =>
      value ? <input key={field} type="hidden" name={field} value={value} /> : null,
    )}
    <label htmlFor={id}>{label}</label>
    <select id={id} name={name} defaultValue={selected}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
    <button type="submit" className="button button-secondary">
      Sort
    </button>
  </form>
)

/** The breadcrumb trail: links, then the current page (`aria-current`). */
export const Breadcrumbs = ({
  links,
  current,
}: {
  links: Array<{ href: string; label: string }>
  current: string
}) => (
  <nav className="breadcrumbs" aria-label="Breadcrumb">
    <ol>
      {[{ href: '/', label: 'Home' }, ...links].map((link) => (
        <li key={link.href}>
          <a href={link.href}>{link.label}</a>
        </li>
      ))}
      <li aria-current="page">{current}</li>
    </ol>
  </nav>
)
