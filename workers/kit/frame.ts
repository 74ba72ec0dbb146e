import type { Role } from '../../schemas/vocabulary';
import type { Lang, MessageKey } from '../i18n/messages';

/** Who the header names: the signed-in person, their role and the place they answer for. */
export interface HeaderUser {
  name: string;
  role: Role;
  jurisdictionName: string;
  /** The unit the header names: the place, or for a department's liaison their department and the place it serves. */
  unit: string;
}

/** What every page needs besides its own content. */
export interface Frame {
  lang: Lang;
  /** The page's path and query as asked, so the language switch comes back to it. */
  url: string;
  /** Absent on the sign-in page and on an error page for a visitor who is not signed in. */
  user?: HeaderUser;
  /** The jurisdiction's offset from UTC: every time a page shows is local there. */
  utcOffset: string;
  /** The notices the signed-in person has not marked read, said beside the inbox in the navigation. */
  unread?: number;
}

/** Where each role starts after signing in: the page of their daily work. */
export const homeOf = (role: Role): string =>
  ({ grid_worker: '/intake', mediator: '/queue', department: '/tasks', supervisor: '/board', admin: '/admin' })[role];

export const navOf = (role: Role): { href: string; label: MessageKey }[] =>
  ({
    grid_worker: [
      { href: '/intake', label: 'page.nav.file' as const },
      { href: '/filings', label: 'page.nav.filings' as const },
      { href: '/instructions', label: 'instructions.nav' as const },
      { href: '/inbox', label: 'nav.inbox' as const },
    ],
    mediator: [
      { href: '/queue', label: 'page.nav.queue' as const },
      { href: '/instructions', label: 'instructions.nav' as const },
      { href: '/inbox', label: 'nav.inbox' as const },
      { href: '/intake', label: 'page.nav.file' as const },
      { href: '/filings', label: 'page.nav.filings' as const },
    ],
    department: [{ href: '/tasks', label: 'page.nav.tasks' as const }],
    supervisor: [
      { href: '/board', label: 'page.nav.board' as const },
      { href: '/inbox', label: 'nav.inbox' as const },
      { href: '/dashboard', label: 'board.nav.dashboard' as const },
      { href: '/batches', label: 'board.nav.batches' as const },
      { href: '/intake', label: 'page.nav.file' as const },
    ],
    admin: [
      { href: '/admin', label: 'page.nav.admin' as const },
      { href: '/admin/users', label: 'admin.nav.users' as const },
      { href: '/admin/places', label: 'places.nav' as const },
      { href: '/admin/policy', label: 'admin.nav.policy' as const },
      { href: '/admin/calendar', label: 'admin.nav.calendar' as const },
      { href: '/admin/dead-letters', label: 'admin.nav.deadLetters' as const },
      { href: '/board', label: 'page.nav.board' as const },
      { href: '/dashboard', label: 'board.nav.dashboard' as const },
    ],
  })[role];

/** The same page in the other language: the query kept, `lang` replaced. */
export function switchHref(frame: Frame): { href: string; lang: Lang } {
  const other: Lang = frame.lang === 'en' ? 'zh-CN' : 'en';
  const url = new URL(frame.url, 'http://page');
  url.searchParams.set('lang', other);
  return { href: `${url.pathname}${url.search}`, lang: other };
}
