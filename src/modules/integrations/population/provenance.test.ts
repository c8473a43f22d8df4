// Which applicant fields count as coming from the population database: exactly those still equal to what it
// answered (spacing and Unicode form aside), everything else as typed.
import { describe, expect, it } from 'vitest';
import { applicantSources, type LookupForIntake } from './provenance.js';

const LOOKUP: LookupForIntake = {
  id: '6f1c0d3e-3d6a-4c43-9a3c-6d2f4f0e8a11',
  applicant: { kind: 'citizen', idNumber: '046085001234', name: 'Nguyễn Quang Huy', address: 'Thôn 6, Xã Vinh Lộc, Thành phố Huế', birthDate: '1985-11-12', sex: 'male' },
};
const FROM_DB = ['population_database', LOOKUP.id];
const TYPED = ['entered', null];
const table = (sources: ReturnType<typeof applicantSources>) => Object.fromEntries(sources.map((s) => [s.field, [s.source, s.reference]]));

describe('applicantSources', () => {
  it.each([
    ['kept as looked up', { idNumber: '046085001234', name: 'Nguyễn Quang Huy', address: 'Thôn 6, Xã Vinh Lộc, Thành phố Huế' }, { 'applicant.idNumber': FROM_DB, 'applicant.name': FROM_DB, 'applicant.address': FROM_DB }],
    ['extra spaces and a decomposed "ễ" are the same text', { idNumber: '046085001234', name: '  Nguye\u0302\u0303n  Quang Huy ' }, { 'applicant.idNumber': FROM_DB, 'applicant.name': FROM_DB }],
    ['one letter changed is typed', { idNumber: '046085001234', name: 'Nguyễn Quang Hùy' }, { 'applicant.idNumber': FROM_DB, 'applicant.name': TYPED }],
    ['case changed is typed', { idNumber: '046085001234', name: 'NGUYỄN QUANG HUY' }, { 'applicant.idNumber': FROM_DB, 'applicant.name': TYPED }],
    ['phone and e-mail never come from the database', { idNumber: '046085001234', name: 'Nguyễn Quang Huy', phone: '0912345678', email: 'huy@example.vn' }, { 'applicant.idNumber': FROM_DB, 'applicant.name': FROM_DB, 'applicant.phone': TYPED, 'applicant.email': TYPED }],
    ['empty fields are not recorded', { idNumber: '046085001234', name: 'Nguyễn Quang Huy', address: '   ', phone: undefined }, { 'applicant.idNumber': FROM_DB, 'applicant.name': FROM_DB }],
  ])('%s', (_, applicant, expected) => {
    expect(table(applicantSources(applicant, LOOKUP))).toEqual(expected);
  });

  it('without a lookup everything is the fallback source, in a fixed order', () => {
    const sources = applicantSources({ email: 'a@b.vn', name: 'Lê Văn An', idNumber: '046085001234' }, null, 'online_form');
    expect(sources.map((s) => `${s.field}:${s.source}`)).toEqual(['applicant.idNumber:online_form', 'applicant.name:online_form', 'applicant.email:online_form']);
  });
});
