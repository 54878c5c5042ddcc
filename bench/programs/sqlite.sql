-- bench/programs/sqlite.sql: the sqlite3 workload (run as `sqlite3 :memory: < sqlite.sql`).
-- One table, 10,000 rows inserted through a recursive CTE, then aggregates.
CREATE TABLE t(id INTEGER PRIMARY KEY, grp INTEGER, val INTEGER, name TEXT);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 10000)
INSERT INTO t SELECT i, i % 17, (i * 7919) % 10007, 'name' || (i % 101) FROM c;
SELECT grp, count(*), sum(val), min(val), max(val), count(DISTINCT name)
  FROM t GROUP BY grp ORDER BY grp;
SELECT count(*), sum(val) FROM t WHERE name LIKE 'name1%';
SELECT name, count(*), sum(val) FROM t GROUP BY name ORDER BY sum(val) DESC, name LIMIT 5;
CREATE INDEX t_val ON t(val);
SELECT id, val FROM t WHERE val BETWEEN 5000 AND 5004 ORDER BY val;
SELECT sum(a.val * b.val) % 1000003 FROM t a JOIN t b ON b.id = a.id + 1 WHERE a.grp = 3;
