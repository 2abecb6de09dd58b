export async function build(o:{content:string;out:string}):Promise<number>{void o;return 0}
