import { useState } from 'react';
import type { Member, Role } from '../../../../shared/model/team';
import { useSubmission } from '../../hooks/use-submission';
import { useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { canAddDevice } from '../../store/team-rules';
import { Field } from '../common/Field';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { IdentityToAddFields, useIdentityToAdd } from './IdentityToAdd';

interface Props extends DialogProps {
  members: readonly Member[];
  me: string;
  myRole: Role;
}

/**
 * Add as a device of: a member's new machine joins as that member (team.addDevice). On the new
 * machine they copy its identity (Your identity › Share your identity); the fingerprint is
 * compared with them, as for Add member: whoever holds that device acts as them.
 */
export function AddDeviceDialog({ members, me, myRole, onClose, returnFocusTo }: Props) {
  const addDevice = useTeam((state) => state.addDevice);
  const devices = useTeam((state) => state.details?.devices);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const people = members.filter((member) => canAddDevice(myRole, member, me));
  const [memberId, setMemberId] = useState(people.find((member) => member.memberId === me)?.memberId ?? people[0]?.memberId ?? '');
  const person = people.find((member) => member.memberId === memberId);
  const toAdd = useIdentityToAdd(submission);
  const { identity, checked } = toAdd;
  const ownerOfDevice = checked && Object.entries(devices ?? {}).find(([, list]) => list.some((device) => device.deviceId === checked.memberId));
  const problem = !checked
    ? null
    : ownerOfDevice
      ? `That identity is already a device of ${members.find((member) => member.memberId === ownerOfDevice[0])?.name ?? 'a member'}.`
      : members.some((member) => member.memberId === checked.memberId)
        ? 'That identity is a member’s: a new device makes an identity of its own.'
        : null;

  return (
    <FormDialog
      title="Add a device"
      description="Someone who is moving to a new machine, or working from a second one: on it, they copy their identity (Your identity › Share your identity) and send it to you. Once added, that device acts as them — the same role, groups and keys — after its next sync."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={person !== undefined && !toAdd.pasted.problem && checked !== null && !toAdd.checkProblem && !problem && toAdd.compared}
      fields={['memberId', 'identity']}
      submitLabel={person ? `Add as a device of ${person.name}` : 'Add device'}
      wide
      onSubmit={async () => {
        if (!identity || !person) return;
        await addDevice(person.memberId, identity.json);
        announce(`A device added to ${person.name}`);
        onClose();
      }}
    >
      <Field label="Person" hint="Whose device it is." error={submission.errorFor('memberId')} alert>
        {(control) => (
          <select {...control} className="input select" value={memberId} onChange={(event) => setMemberId(event.target.value)}>
            {people.map((member) => (
              <option key={member.memberId} value={member.memberId}>
                {member.memberId === me ? `${member.name} (you)` : member.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <IdentityToAddFields
        state={toAdd}
        submission={submission}
        problem={problem}
        heading="The device you are adding"
        confirmation={{
          who: person?.name ?? 'them',
          note: `Have ${person?.name ?? 'them'} read the fingerprint shown in Your identity on the new device. Add it only if every group matches: otherwise the text is not from their device.`,
        }}
      />
    </FormDialog>
  );
}
