export function Header({ user }) {
  return <header><span>{user.name}</span><a href="/sso/logout">Sign out</a></header>;
}
