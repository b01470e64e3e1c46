import { Router } from 'express';
import { addUser, resetWithCode, setDisabled, setDisplayName, setRole } from '../../auth/user-accounts.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { inTransaction } from '../../storage/database.js';
import { findUserById } from '../../storage/users.js';
import { userNameKey } from '../../storage/user-name-key.js';
import { idParam } from '../../downstream/admin-schemas.js';
import { currentActor, requireRole } from '../../web/auth/guards.js';
import { parseInput } from '../../web/http-errors.js';
import type { RouteModule } from '../../web/route-module.js';
import { peopleOpenapi } from './people-openapi.js';
import { createUserBody, resetPasswordBody, updateUserBody } from './people-schemas.js';
import { userViewOf, userViews } from './user-list.js';

/** 人员: what `civic-radar user …` does, for admins in the browser, through the same functions. */
export const peopleRoutes: RouteModule = {
  name: 'people',
  mount(app, ctx) {
    const router = Router();
    const admin = requireRole('admin');
    const { db } = ctx;
    const userNamed = (id: number) => {
      const user = findUserById(db, id);
      if (!user) throw new NotFoundError(`没有编号为 ${id} 的用户；请刷新人员列表`);
      return user;
    };

    router.get('/api/admin/users', admin, (_req, res) => void res.json({ items: userViews(db) }));

    router.post('/api/admin/users', admin, async (req, res) => {
      const body = parseInput(createUserBody, req.body, 'body');
      const input = { name: body.name, role: body.role, displayName: body.display_name ?? null };
      const created = body.password === undefined ? await addUser(db, { ...input, password: null }, currentActor(res)) : await addUser(db, { ...input, password: body.password }, currentActor(res));
      res.status(201).json({ user: userViewOf(db, created.id), setup_code: 'setup_code' in created ? created.setup_code : null });
    });

    router.patch('/api/admin/users/:id', admin, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      const body = parseInput(updateUserBody, req.body, 'body');
      const actor = currentActor(res);
      // all of the change or none of it: a refused role change leaves the display name as it was
      inTransaction(db, () => {
        const { name } = userNamed(id);
        if (body.display_name !== undefined) setDisplayName(db, name, body.display_name, actor);
        if (body.role !== undefined) setRole(db, name, body.role, actor);
        if (body.disabled !== undefined) setDisabled(db, name, body.disabled, actor);
      });
      res.json(userViewOf(db, id));
    });

    router.post('/api/admin/users/:id/password-reset', admin, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      const body = parseInput(resetPasswordBody, req.body, 'body');
      const user = userNamed(id);
      if (userNameKey(body.name) !== user.name_key) throw new ValidationError(`用户 ${id} 的用户名是“${user.name}”，收到“${body.name}”；请确认要重置的是哪一位`, 'body.name');
      res.status(201).json(resetWithCode(db, user.name, currentActor(res)));
    });

    app.use(router);
  },
  openapiPaths: peopleOpenapi,
};
