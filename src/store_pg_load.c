/*
 * store_pg_load — the PostgreSQL engine as the program gets it: loaded
 * from its module the first time a database argument names a server, so
 * that libpq and what it brings (Kerberos, LDAP, GnuTLS) are mapped only
 * then.
 */
#include "config.h"

#include "store_engine.h"

const struct store_pg_ops *store_pg_ops(char **err)
{
	static const struct store_pg_ops *ops;
	*err = NULL;
	if (!ops)
		ops = module_table(STORE_PG_MODULE, STORE_PG_TABLE_SYM,
				   sizeof(*ops), err);
	return ops;
}
