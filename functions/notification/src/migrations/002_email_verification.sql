-- An email address receives notifications only once its user proved they own it (null: not yet).
-- Addresses saved before this migration were never verified: they start unverified.
alter table {{schema}}.preferences add column email_verified_at timestamptz;

-- The code mailed to a user's address, one per user; only its hash is kept.
create table {{schema}}.email_verifications (
  user_id text primary key,
  address text not null,
  code_hash text not null,
  expires_at timestamptz not null,
  attempts integer not null default 0,
  created_at timestamptz not null
);

-- Verification mails sent in the last day, for the limits per user and per address.
create table {{schema}}.verification_mails (
  user_id text not null,
  address_key text not null,
  sent_at timestamptz not null
);
create index verification_mails_user on {{schema}}.verification_mails (user_id, sent_at);
create index verification_mails_address on {{schema}}.verification_mails (address_key, sent_at);
