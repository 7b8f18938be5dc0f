"""Guards a second outside attack (with the application's database password) asked for.

- A victim or suspect moved from a sent complaint to a draft left no change-log row (the
  log looked at the new complaint only): the change log now records a child row whenever
  its old or its new complaint is sent.
- A draft holding a national number made every later send fail on the unique number:
  a draft has no number.
- A send written by SQL chose a number of another year: a complaint's number carries the
  year it was sent in Lima. (A send written by SQL has no signed history row: verify_audit
  names it; the database cannot tell the application's clock from a forged one.)
- An issued document's PDF could be pointed at another unit's file: the stored file of a
  document never changes once issued; an alert never moves to another unit, complaint or
  kind, and is never deleted.
"""

from django.db import migrations

FORWARD = r"""
CREATE OR REPLACE FUNCTION reporting_log_change() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
DECLARE
    row_id bigint;
BEGIN
    IF TG_TABLE_NAME = 'reporting_complaint' THEN
        IF COALESCE(NEW.status, OLD.status) <> 'sent' AND COALESCE(OLD.status, '') <> 'sent' THEN
            RETURN NULL;
        END IF;
        row_id := COALESCE(NEW.id, OLD.id);
    ELSE
        IF NOT ((TG_OP <> 'INSERT' AND reporting_complaint_is_sent(OLD.complaint_id))
                OR (TG_OP <> 'DELETE' AND reporting_complaint_is_sent(NEW.complaint_id))) THEN
            RETURN NULL;
        END IF;
        row_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
    END IF;
    INSERT INTO reporting_rowchange (
        "table", row_id, operation, old, new, txid, at, db_user
    ) VALUES (
        TG_TABLE_NAME, row_id, TG_OP,
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
        txid_current(), now(), current_user
    );
    RETURN NULL;
END;
$$;

ALTER TABLE reporting_complaint ADD CONSTRAINT draft_has_no_number
    CHECK (status = 'sent' OR number IS NULL);

CREATE FUNCTION reporting_sent_now() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
BEGIN
    IF OLD.status <> 'sent' AND NEW.status = 'sent'
       AND split_part(NEW.number, '-', 2)::int
           <> extract(year FROM NEW.sent_at AT TIME ZONE 'America/Lima')::int THEN
        RAISE EXCEPTION 'RETA: a complaint''s number carries the year it was sent'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
-- Named to fire before complaint_lock (alphabetical order), which takes the number.
CREATE TRIGGER complaint_a_sent_now BEFORE UPDATE ON reporting_complaint
    FOR EACH ROW EXECUTE FUNCTION reporting_sent_now();

CREATE FUNCTION reporting_document_keeps_its_file() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
BEGIN
    IF NEW.pdf IS DISTINCT FROM OLD.pdf OR NEW.complaint_id <> OLD.complaint_id
       OR NEW.number <> OLD.number OR NEW.unit_id <> OLD.unit_id THEN
        RAISE EXCEPTION 'RETA: an issued document keeps its file, number, unit and complaint'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER issueddocument_keeps_its_file BEFORE UPDATE ON reporting_issueddocument
    FOR EACH ROW EXECUTE FUNCTION reporting_document_keeps_its_file();
CREATE TRIGGER issueddocument_no_delete BEFORE DELETE ON reporting_issueddocument
    FOR EACH ROW EXECUTE FUNCTION reta_refuse_change();
"""

BACKWARD = r"""
DROP TRIGGER issueddocument_no_delete ON reporting_issueddocument;
DROP TRIGGER issueddocument_keeps_its_file ON reporting_issueddocument;
DROP FUNCTION reporting_document_keeps_its_file();
DROP TRIGGER complaint_a_sent_now ON reporting_complaint;
DROP FUNCTION reporting_sent_now();
ALTER TABLE reporting_complaint DROP CONSTRAINT draft_has_no_number;
"""


class Migration(migrations.Migration):
    dependencies = [("reporting", "0009_readable_json")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
