/** A simulated person the staff can chat as; each has its own LINE-style user id. */
export interface Persona {
  /** Stable id for the page (its chat history is kept under it). */
  id: string;
  name: string;
  /** Who this person stands for, shown beside the name. */
  description: string;
  /** `U` + 32 hex digits, like a LINE user id. Fixed, so a persona's city survives restarts. */
  userId: string;
}

/** The people the simulator offers; fictional, so their ids may live in the repository. */
export const PERSONAS: readonly Persona[] = [
  { id: 'sakura', name: 'さくら', description: '子育て中の30代', userId: 'U5a1c0e7b2d9f4a6c8e3b1d5f7a9c2e40' },
  { id: 'masao', name: 'まさお', description: '70代・スマホ初心者', userId: 'U8b3d2f6a0c4e9b1d7f5a3c8e2b6d0f41' },
  { id: 'kenta', name: 'けんた', description: '市外から転入予定の学生', userId: 'U2e9a7c5b1f3d8e6a0c4b2f9d7e5a1c42' },
  { id: 'staff', name: '職員テスト', description: '市役所の職員', userId: 'U7f1b4d8e2a6c0f9b3d7e1a5c8f2b6d43' },
];
