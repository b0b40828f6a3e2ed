-- The audit trail is append-only: conversations are never deleted, so the foreign key restricts
-- instead of clearing "conversationId" (which would be an update of an audit row).
ALTER TABLE "AuditEntry" DROP CONSTRAINT "AuditEntry_conversationId_fkey";
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (triggers are not part of Prisma's schema diff): any UPDATE, DELETE or
-- TRUNCATE of "AuditEntry" fails, whoever runs it, so a record of who did what cannot be rewritten.
CREATE OR REPLACE FUNCTION earshot_audit_entry_append_only() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'The audit trail is append-only: % on "AuditEntry" is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "AuditEntry_append_only"
BEFORE UPDATE OR DELETE ON "AuditEntry"
FOR EACH ROW EXECUTE FUNCTION earshot_audit_entry_append_only();

CREATE TRIGGER "AuditEntry_no_truncate"
BEFORE TRUNCATE ON "AuditEntry"
FOR EACH STATEMENT EXECUTE FUNCTION earshot_audit_entry_append_only();
