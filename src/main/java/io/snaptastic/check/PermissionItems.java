package io.snaptastic.check;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Action;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.workflow.Failures;
import java.util.Locale;

/**
 * One check item per EC2 action, from its DryRun probe. A probe that names a placeholder volume or
 * snapshot can be answered about the placeholder rather than about the permission; such answers are
 * inconclusive, never a failure.
 */
final class PermissionItems {

    private static final String CONFIRM = "confirm by running the operation once (a mount, unmount, snapshot or "
            + "clean); see docs/credentials-and-checks.md";

    private PermissionItems() {}

    static CheckItem of(Ec2Action action, Ec2 ec2) {
        String name = "ec2:" + actionName(action);
        try {
            if (ec2.permitted(action)) {
                return CheckItem.pass(name, "permitted (DryRun)");
            }
            if (action.probesPlaceholder()) {
                // The placeholder carries no tags, so a policy that allows the action only on resources tagged
                // snaptastic:managed=true (the README's) refuses it here; REAL-EC2.md, "Credentials and metadata".
                return CheckItem.inconclusive(name, "refused for a placeholder id, which no tag condition can match", CONFIRM);
            }
            return CheckItem.fail(name, "not permitted", "allow " + name + " in the role's policy (see the README)");
        } catch (Ec2Exception.NotFound e) {
            // EC2 may look the ids up before it authorizes a DryRun; NotFound then says nothing of the permission.
            return CheckItem.inconclusive(name, "could not be checked: EC2 answered " + e.awsCode() + " for the placeholder id",
                    CONFIRM);
        } catch (RuntimeException e) {
            return CheckItem.fail(name, "could not be checked: " + Failures.describe(e), "check the agent's log");
        }
    }

    /** {@code CREATE_VOLUME} → {@code CreateVolume}, the IAM action's name. */
    static String actionName(Ec2Action action) {
        StringBuilder name = new StringBuilder();
        for (String part : action.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }
}
