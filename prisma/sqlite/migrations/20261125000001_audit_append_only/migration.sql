-- The record (台账) is append-only: the database itself refuses to change or remove an event.
CREATE TRIGGER "AuditEvent_refuse_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'AuditEvent is append-only: UPDATE refused');
END;

CREATE TRIGGER "AuditEvent_refuse_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'AuditEvent is append-only: DELETE refused');
END;
