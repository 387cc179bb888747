-- The record (台账) is append-only: the database itself refuses to change or remove an event.
CREATE FUNCTION "shuzhi_refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER "AuditEvent_refuse_update_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "shuzhi_refuse_audit_change"();

CREATE TRIGGER "AuditEvent_refuse_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "shuzhi_refuse_audit_change"();
