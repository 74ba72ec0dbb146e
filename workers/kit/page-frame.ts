import type { Context } from 'hono';
import type { SignedInUser } from '../../db/queries/users';
import type { AppEnv } from '../env';
import { navOf, type Frame } from './frame';
import { unreadCountOf } from '../../db/queries/notifications';
import { inboxesOf } from '../../domain/notifications';
import { t } from '../i18n/messages';
import { jurisdictionByCode } from '../county/jurisdictions';
import { configuredPolicy } from '../county/sla-policy';

/** The frame of a page: its language, the signed-in user as the header names them, the jurisdiction's offset. */
export async function frameOf(c: Context<AppEnv>, user: SignedInUser | undefined = c.var.user): Promise<Frame> {
  const url = new URL(c.req.url);
  const lang = c.get('lang');
  const { db } = c.get('services');
  // The unread count costs one indexed count, read beside the place, for the roles whose navigation has an inbox.
  const [place, unread] = await Promise.all([
    user && jurisdictionByCode(db, user.jurisdictionCode),
    user && navOf(user.role).some((item) => item.href === '/inbox') ? unreadCountOf(db, inboxesOf(user)) : undefined,
  ]);
  const jurisdictionName = place?.name ?? user?.jurisdictionCode ?? '';
  // A department's liaison works for their department, not for the station whose area it serves.
  const unit = user?.department ? t(lang, 'page.departmentUnit', { department: t(lang, `department.${user.department}`), place: jurisdictionName }) : jurisdictionName;
  return {
    lang,
    url: `${url.pathname}${url.search}`,
    user: user && { name: user.name, role: user.role, jurisdictionName, unit },
    utcOffset: configuredPolicy(c.env).utcOffset,
    unread,
  };
}
