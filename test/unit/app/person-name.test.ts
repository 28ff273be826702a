// A patient's name must read as a person's name, not as the DICOM encoding of it: the header and
// the patient picker show family, given and middle names in order, and the other writings of a
// Japanese or Korean name beside the first.
import { describe, expect, it } from 'vitest'
import { personName } from '../../../electron/core/model/person-name'

describe('personName', () => {
  it.each([
    ['DOE^JANE', 'DOE, JANE'],
    ['DOE^JANE^M^^', 'DOE, JANE M'],
    ['Smith^John^^Dr^Jr', 'Smith, Dr John, Jr'],
    ['ANONYMOUS', 'ANONYMOUS'],
    ['^JANE', 'JANE'],
    ['Yamada^Tarou=山田^太郎=やまだ^たろう', 'Yamada, Tarou (山田, 太郎 = やまだ, たろう)'],
    ['=山田^太郎', '山田, 太郎'],
    ['', ''],
    ['^^^^', ''],
  ])('reads %j as %j', (pn, words) => {
    expect(personName(pn)).toBe(words)
  })
})
