import { openSqliteFile } from './database';
import { applyMigrations } from './migrations';

/** `npm run migrate`: brings the county's SQLite file (FENGQIAO_DATABASE) up to this version of the app. */
const file = process.env.FENGQIAO_DATABASE;
if (!file) {
  console.error('Set FENGQIAO_DATABASE to the SQLite file to migrate (see deploy/fengqiao.env).');
  process.exit(1);
}
const { db, client } = await openSqliteFile(file);
const { applied, total } = await applyMigrations(db);
client.close();
console.log(applied ? `${file}: applied ${applied} migration(s); now at ${total} of ${total}.` : `${file}: up to date (${total} migrations).`);
