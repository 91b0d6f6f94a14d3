-- Runs once, when the postgres container starts on an empty data volume
-- (docker-entrypoint-initdb.d). One database per service, each owned by its own role, as in
-- production; the passwords are for local development only (see docker-compose.yml).
-- To run it again: docker compose down -v (this deletes all data).

CREATE ROLE referrals LOGIN PASSWORD 'referrals';
CREATE DATABASE concord_referrals OWNER referrals;

CREATE ROLE agreements LOGIN PASSWORD 'agreements';
CREATE DATABASE concord_agreements OWNER agreements;

CREATE ROLE funding LOGIN PASSWORD 'funding';
CREATE DATABASE concord_funding OWNER funding;

CREATE ROLE notifications LOGIN PASSWORD 'notifications';
CREATE DATABASE concord_notifications OWNER notifications;

CREATE ROLE insights LOGIN PASSWORD 'insights';
CREATE DATABASE concord_insights OWNER insights;

CREATE ROLE console LOGIN PASSWORD 'console';
CREATE DATABASE concord_console OWNER console;

-- A service may connect only to its own database.
REVOKE CONNECT ON DATABASE concord_referrals FROM PUBLIC;
REVOKE CONNECT ON DATABASE concord_agreements FROM PUBLIC;
REVOKE CONNECT ON DATABASE concord_funding FROM PUBLIC;
REVOKE CONNECT ON DATABASE concord_notifications FROM PUBLIC;
REVOKE CONNECT ON DATABASE concord_insights FROM PUBLIC;
REVOKE CONNECT ON DATABASE concord_console FROM PUBLIC;
