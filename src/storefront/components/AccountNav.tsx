/** The account pages' navigation, the current page marked. */
const LINKS = [
  ['/account', 'Overview'],
  ['/account/orders', 'My orders'],
  ['/account/reviews', 'My reviews'],
  ['/account/api-tokens', 'API tokens'],
] as const

export const AccountNav = ({ current }: { current: (typeof LINKS)[number][0] }) => (
  <nav className="account-nav" aria-label="Account">
    <ul>
      {LINKS.map(([href, label]) => (
        <li key={href}>
          <a href={href} aria-current={href === current ? 'page' : undefined}>
            {label}
          </a>
        </li>
      ))}
    </ul>
  </nav>
)
